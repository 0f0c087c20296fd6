//! The subcommands that run without the screen: export, check and list. Each prints kind,
//! precise messages and returns the process exit code.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::export::{self, Format};
use crate::store::{self, Home};

/// `tend export FILE --format F [-o OUT] [--include-private]`.
pub fn export(
    file: &Path,
    format: Format,
    output: Option<&Path>,
    include_private: bool,
) -> ExitCode {
    let map = match store::load_map(file) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("{}", e.check_line());
            eprintln!("Nothing was exported, and the map file is unchanged.");
            return ExitCode::FAILURE;
        }
    };
    let text = match export::export(&map, format, include_private) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: the export could not be written: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    match output {
        Some(out) => {
            // Exports hold private words: written like map files, atomically and owner-only.
            if let Err(e) = store::write_atomic(out, text.as_bytes()) {
                eprintln!("{}: I couldn't write the export there: {e}", out.display());
                return ExitCode::FAILURE;
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// `tend check FILE`: exit 0 if it loads, else `FILE:LINE:COL: message` and exit 1.
pub fn check(file: &Path) -> ExitCode {
    match store::load_map(file) {
        Ok(map) => {
            println!(
                "{}: ok · {}, {}, {}",
                file.display(),
                plural(map.parts.len(), "part"),
                plural(map.relations.len(), "relation"),
                plural(map.sessions.len(), "dialogue")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.check_line());
            ExitCode::FAILURE
        }
    }
}

/// `tend list`: the maps in `$TEND_HOME/maps`, with title, parts and last change.
pub fn list(home: &Home) -> ExitCode {
    let dir = home.maps_dir();
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    if files.is_empty() {
        println!("No maps yet in {}. Run tend to start one.", dir.display());
        return ExitCode::SUCCESS;
    }
    files.sort();
    for path in files {
        let name = store::map_name(&path);
        let changed = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map(|t| {
                t.to_zoned_datetime(jiff::tz::TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        match store::load_map(&path) {
            Ok(map) => println!(
                "{:<20} {:<28} {:>3} parts   {changed}",
                name,
                crate::ui::text::truncate(&map.title, 28),
                map.parts.len()
            ),
            Err(e) => println!("{name:<20} (could not be read: {})   {changed}", e.what()),
        }
    }
    ExitCode::SUCCESS
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
