//! `dateline import`: output, determinism, atomic writes, errors.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dateline");
/// The seed content at the top of the repository.
const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn import(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(BIN).arg("import").args(args).output().unwrap()
}

#[test]
fn writes_the_same_bytes_twice() {
    let dir = scratch("det");
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    for out in [&a, &b] {
        let status = import(&[
            "-q".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            CONTENT.as_ref(),
        ]);
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let bytes = fs::read(&a).unwrap();
    assert_eq!(bytes, fs::read(&b).unwrap());
    let catalog =
        dateline_core::model::Catalog::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
    assert_eq!(catalog.articles.len(), 2);
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn unreadable_input_fails_clearly_and_keeps_the_old_bundle() {
    let dir = scratch("bad");
    let out = dir.join("articles.json");
    fs::write(&out, "previous bundle").unwrap();
    let missing = dir.join("no-such-page.txt");
    let result = import(&["-o".as_ref(), out.as_os_str(), missing.as_os_str()]);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("cannot read") && stderr.contains("no-such-page.txt"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous bundle");

    let junk = dir.join("junk.txt");
    fs::write(&junk, "Skip to Content\n\nShare").unwrap();
    let result = import(&["-o".as_ref(), out.as_os_str(), junk.as_os_str()]);
    assert!(!result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("no articles found"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous bundle");
}

#[test]
fn latin1_pages_are_read_without_loss() {
    let dir = scratch("latin1");
    let page = dir.join("page.txt");
    fs::write(
        &page,
        b"Caf\xe9 owners welcome the new law\n\n2023-01-01 10:00\n\nPARIS (AP) - Owners cheered.",
    )
    .unwrap();
    let out = dir.join("out.json");
    let result = import(&["-o".as_ref(), out.as_os_str(), page.as_os_str()]);
    assert!(result.status.success());
    assert!(String::from_utf8_lossy(&result.stderr).contains("read as Latin-1"));
    assert!(fs::read_to_string(&out).unwrap().contains("Café owners"));
}

/// Usage errors exit 2 and write nothing: `--help` and unknown options
/// are never taken for a file (`dateline-site --help` once wrote icons into
/// `./--help/`).
#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let dir = scratch("usage");
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    assert_eq!(run(&["import"]).0, Some(2));
    assert_eq!(
        run(&["import", "--bogus", "-o", "x.json", "content"]).0,
        Some(2)
    );
    assert_eq!(run(&["build", "--bogus"]).0, Some(2));
    assert_eq!(run(&["bogus"]).0, Some(2));
    assert_eq!(run(&["build", "-q"]).0, Some(2));
    assert_eq!(
        run(&["build", "not-a-site"]).0,
        Some(2),
        "a folder with no index.html is no site to finish"
    );
    assert_eq!(run(&["import", "-o", "x.json"]).0, Some(2));
    for help in [
        &["--help"][..],
        &["-h"],
        &["build", "--help"],
        &["build", "-h"],
        &["import", "--help"],
        &["update", "--help"],
        &["feeds", "--help"],
    ] {
        let (code, text) = run(help);
        assert_eq!(code, Some(0), "{help:?}");
        assert!(text.contains("Usage: dateline"), "{help:?}: {text}");
    }
    let (_, help) = run(&["--help"]);
    for command in ["import", "build", "update", "feeds", "completions"] {
        assert!(help.contains(command), "{help}");
    }
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "usage errors and help wrote {left:?}");
    let (code, script) = run(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    assert!(script.contains("_dateline"), "{script}");
}
