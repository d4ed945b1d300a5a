//! `dateline`: import, build, update, feeds (see `dateline --help` and `tools/src/cli`).

fn main() -> std::process::ExitCode {
    dateline_tools::cli::main()
}
