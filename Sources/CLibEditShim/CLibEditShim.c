#include "CLibEditShim.h"
#include <stdio.h>

EditLine *cedit_init(const char *program) { return el_init(program, stdin, stdout, stderr); }
int cedit_set_prompt(EditLine *e, cedit_prompt_fn prompt) { return el_set(e, EL_PROMPT, prompt); }
int cedit_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
int cedit_set_history(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
int cedit_set_clientdata(EditLine *e, void *data) { return el_set(e, EL_CLIENTDATA, data); }
void *cedit_get_clientdata(EditLine *e) {
    void *data = NULL;
    el_get(e, EL_CLIENTDATA, &data);
    return data;
}
int cedit_add_function(EditLine *e, const char *name, const char *help, cedit_command_fn fn) {
    return el_set(e, EL_ADDFN, name, help, fn);
}
int cedit_bind(EditLine *e, const char *key, const char *function) {
    return el_set(e, EL_BIND, key, function, (const char *)NULL);
}
int cedit_setty(EditLine *e, const char *flag) {
    return el_set(e, EL_SETTY, "-d", flag, (const char *)NULL);
}
int cedit_flush_stdout(void) { return fflush(stdout); }

int cedit_history_setsize(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
int cedit_history_setunique(History *h, int unique) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, unique); }
int cedit_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
int cedit_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return 0;
    return ev.num;
}
void cedit_history_each(History *h, void *context, void (*visit)(void *, const char *)) {
    HistEvent ev;
    if (history(h, &ev, H_LAST) < 0) return;
    do { visit(context, ev.str); } while (history(h, &ev, H_PREV) >= 0);
}
