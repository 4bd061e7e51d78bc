//! The `linkedin` command-line tool. See `linkedin --help`.

fn main() -> std::process::ExitCode {
    linkedin_cli::run(std::env::args_os())
}
