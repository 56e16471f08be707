import Foundation
import GuideQA

/// Renders answers for standard output: JSON, or text styled and wrapped for a terminal.
struct AnswerPrinter {
    let engine: Engine
    let output: OutputFlags
    private let renderer: TextRenderer

    init(engine: Engine, output: OutputFlags) {
        self.engine = engine
        self.output = output
        renderer = TextRenderer(analyzer: engine.analyzer, width: output.width ?? Terminal.width,
                                styled: Terminal.styled)
    }

    func print(_ answer: Answer) {
        if output.json {
            Swift.print(JSONRenderer.render(answer))
        } else {
            Swift.print(renderer.render(answer), terminator: "")
        }
    }

    func separator() {
        Swift.print("")
    }
}
