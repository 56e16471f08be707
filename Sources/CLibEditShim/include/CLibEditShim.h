#ifndef CLIBEDITSHIM_H
#define CLIBEDITSHIM_H
#include <histedit.h>

/* Swift cannot call C-variadic functions (el_set, el_get, history) nor touch the C
   globals stdin/stdout/stderr under Swift 6 concurrency checking: these one-line
   wrappers give it fixed signatures. */

typedef char *(*cedit_prompt_fn)(EditLine *);
typedef unsigned char (*cedit_command_fn)(EditLine *, int);

EditLine *cedit_init(const char *program);
int cedit_set_prompt(EditLine *e, cedit_prompt_fn prompt);
int cedit_set_editor(EditLine *e, const char *mode);
int cedit_set_history(EditLine *e, History *h);
int cedit_set_clientdata(EditLine *e, void *data);
void *cedit_get_clientdata(EditLine *e);
int cedit_add_function(EditLine *e, const char *name, const char *help, cedit_command_fn fn);
int cedit_bind(EditLine *e, const char *key, const char *function);
int cedit_setty(EditLine *e, const char *flag);
int cedit_flush_stdout(void);

int cedit_history_setsize(History *h, int size);
int cedit_history_setunique(History *h, int unique);
int cedit_history_enter(History *h, const char *line);
int cedit_history_count(History *h);
/* Calls visit(context, line) for each entry, oldest first. */
void cedit_history_each(History *h, void *context, void (*visit)(void *, const char *));
#endif
