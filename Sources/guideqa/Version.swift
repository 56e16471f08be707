/// The release version, printed by `--version`.
enum GuideQAVersion {
    static let string = "0.1.0"
}
