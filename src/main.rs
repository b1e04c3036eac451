fn main() -> std::process::ExitCode {
    guidesmith::cmd::main()
}
