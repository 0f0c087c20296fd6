//! The subcommands that run without the screen: export, check, list, restore, encrypt and
//! decrypt. Each prints kind, precise messages and returns the process exit code; none of
//! them changes a file unless it says so.

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
    let map = match load_mended(file) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("{e}");
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
    match load(file) {
        Ok(mut map) => {
            let mended = store::repair(&mut map);
            println!(
                "{}: ok · {}, {}, {}",
                file.display(),
                plural(map.parts.len(), "part"),
                plural(map.relations.len(), "relation"),
                plural(map.sessions.len(), "dialogue")
            );
            for note in mended {
                eprintln!(
                    "{}: it loads, but {note} (tend mends this when it opens the map)",
                    file.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `tend list`: the maps in `$TEND_HOME/maps`, with title, parts and last change.
pub fn list(home: &Home) -> ExitCode {
    let entries = store::list_maps(home);
    if entries.is_empty() {
        println!(
            "No maps yet in {}. Run tend to start one.",
            home.maps_dir().display()
        );
        return ExitCode::SUCCESS;
    }
    let tz = jiff::tz::TimeZone::system();
    for e in entries {
        let changed = e
            .changed
            .map(|t| {
                t.to_zoned_datetime(tz.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let name = crate::ui::text::fit(&e.name, 20);
        match e.problem {
            Some(p) if p == "encrypted" => {
                println!(
                    "{name} {}   {changed}",
                    crate::ui::text::fit("(encrypted)", 38)
                )
            }
            Some(p) => println!("{name} (could not be read: {p})   {changed}"),
            None => println!(
                "{name} {} {:>3} parts   {changed}",
                crate::ui::text::fit(&e.title, 28),
                e.parts
            ),
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

/// Loads a map for a command, unlocking it first if it is encrypted. The error is a line to
/// print (`FILE:LINE:COL: message` for a map that does not load).
fn load(file: &Path) -> Result<crate::model::Map, String> {
    if crate::passphrase::is_encrypted_file(file) {
        let key = crate::passphrase::unlock(file)?;
        return store::load_map_with(file, Some(&key)).map_err(|e| e.check_line());
    }
    store::load_map(file).map_err(|e| e.check_line())
}

/// Loads a map for export, mended as opening it would mend it (the file is not changed).
fn load_mended(file: &Path) -> Result<crate::model::Map, String> {
    let mut map = load(file)?;
    for note in store::repair(&mut map) {
        eprintln!(
            "{}: {note} (mended in this export; the file is unchanged)",
            file.display()
        );
    }
    Ok(map)
}

fn home() -> Result<Home, ExitCode> {
    Home::from_env().ok_or_else(|| {
        eprintln!("I couldn't find a folder to keep your maps in. Set TEND_HOME to one, please.");
        ExitCode::FAILURE
    })
}

/// Holds the map's lock for a command, or explains who has it.
fn lock(file: &Path) -> Result<store::MapLock, ExitCode> {
    store::MapLock::acquire(file).map_err(|e| {
        match e {
            store::LockError::Held(pid) => eprintln!(
                "{} is open in tend{}; please close it there first. Nothing was changed.",
                file.display(),
                pid.map_or_else(String::new, |p| format!(" (process {p})"))
            ),
            store::LockError::Unwritable(why) => eprintln!(
                "{}: I can't write in its folder ({why}). Nothing was changed.",
                file.display()
            ),
        }
        ExitCode::FAILURE
    })
}

/// `tend restore FILE [N]`: the backups, newest first; restores one.
pub fn restore(file: &Path, number: Option<usize>) -> ExitCode {
    let home = match home() {
        Ok(h) => h,
        Err(code) => return code,
    };
    let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let backups = store::backup::list(&home.backups_dir(), &file);
    if backups.is_empty() {
        println!("There are no backups of {} yet.", file.display());
        return ExitCode::SUCCESS;
    }
    let tz = jiff::tz::TimeZone::system();
    println!("Backups of {}, newest first:", file.display());
    for (i, b) in backups.iter().enumerate() {
        let when =
            b.at.to_zoned_datetime(tz.clone())
                .strftime("%Y-%m-%d %H:%M:%S");
        let what = match std::fs::read(&b.path) {
            Ok(bytes) if store::crypt::is_encrypted(&bytes) => "encrypted".to_string(),
            Ok(bytes) => match store::parse_map(&bytes) {
                Ok(m) => plural(m.parts.len(), "part"),
                Err(_) => "does not load".to_string(),
            },
            Err(_) => "can't be read".to_string(),
        };
        println!("{:>3}  {when}  {what}", i + 1);
    }
    let choice = match number {
        Some(n) => n,
        None => {
            use std::io::IsTerminal;
            if !std::io::stdin().is_terminal() {
                println!("To restore one: tend restore {} NUMBER", file.display());
                return ExitCode::SUCCESS;
            }
            print!("Which one? (a number, or Enter to leave things as they are) ");
            let _ = std::io::stdout().flush();
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                return ExitCode::FAILURE;
            }
            match line.trim() {
                "" => {
                    println!("Nothing was changed.");
                    return ExitCode::SUCCESS;
                }
                n => match n.parse() {
                    Ok(n) => n,
                    Err(_) => {
                        eprintln!("“{n}” is not one of the numbers. Nothing was changed.");
                        return ExitCode::FAILURE;
                    }
                },
            }
        }
    };
    let Some(backup) = choice.checked_sub(1).and_then(|i| backups.get(i)) else {
        eprintln!("There is no backup number {choice}. Nothing was changed.");
        return ExitCode::FAILURE;
    };
    let _lock = match lock(&file) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match store::backup::restore(
        &home.backups_dir(),
        &file,
        &backup.path,
        jiff::Timestamp::now(),
    ) {
        Ok(()) => {
            println!(
                "Restored the backup from {}. What was there before is kept as a backup too.",
                backup
                    .at
                    .to_zoned_datetime(tz)
                    .strftime("%Y-%m-%d %H:%M:%S")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "{}: the backup could not be restored ({e}). Nothing was changed.",
                file.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Re-writes a map's backups and draft with `convert` (sealing or opening them).
fn convert_companions(
    home: &Home,
    file: &Path,
    convert: impl Fn(&[u8]) -> Result<Option<Vec<u8>>, String>,
) -> Result<usize, String> {
    let mut done = 0;
    let mut paths: Vec<std::path::PathBuf> = store::backup::list(&home.backups_dir(), file)
        .into_iter()
        .map(|b| b.path)
        .collect();
    paths.push(store::draft_path(file));
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if let Some(new) = convert(&bytes)? {
            store::write_atomic(&path, &new).map_err(|e| e.to_string())?;
            done += 1;
        }
    }
    Ok(done)
}

/// `tend encrypt FILE`: the map, its backups and its draft are encrypted to a new key,
/// which is kept beside the map, locked with a passphrase.
pub fn encrypt(file: &Path) -> ExitCode {
    let home = match home() {
        Ok(h) => h,
        Err(code) => return code,
    };
    let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    if crate::passphrase::is_encrypted_file(&file) {
        println!(
            "{} is already encrypted. Nothing was changed.",
            file.display()
        );
        return ExitCode::SUCCESS;
    }
    let map = match store::load_map(&file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}", e.check_line());
            eprintln!("Only a map that loads can be encrypted. Nothing was changed.");
            return ExitCode::FAILURE;
        }
    };
    let _lock = match lock(&file) {
        Ok(l) => l,
        Err(code) => return code,
    };
    // Half-written files from an interrupted save hold plain text too: clear them first.
    store::clean_temporaries(&file);
    store::remove_temporaries(&store::backup::backup_dir(&home.backups_dir(), &file), &[]);
    let passphrase = match crate::passphrase::ask_new() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let (key, key_file) = match store::crypt::Key::create(&passphrase) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("The key could not be made ({e}). Nothing was changed.");
            return ExitCode::FAILURE;
        }
    };
    let key_path = store::crypt::key_path(&file);
    if let Err(e) = store::write_atomic(&key_path, &key_file) {
        eprintln!(
            "The key could not be kept at {} ({e}). Nothing was changed.",
            key_path.display()
        );
        return ExitCode::FAILURE;
    }
    let result = store::to_ron(&map)
        .map_err(|e| e.to_string())
        .and_then(|text| key.seal(text.as_bytes()))
        .and_then(|sealed| {
            store::write_atomic_checked(&file, &sealed, |written| {
                let plain = key.open(written).map_err(|e| e.to_string())?;
                match store::parse_map(&plain) {
                    Ok(back) if back == map => Ok(()),
                    _ => Err("the encrypted map did not read back the same".into()),
                }
            })
        });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&key_path);
        eprintln!(
            "{} could not be encrypted ({e}). Nothing was changed.",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let companions = convert_companions(&home, &file, |bytes| {
        if store::crypt::is_encrypted(bytes) {
            Ok(None)
        } else {
            key.seal(bytes).map(Some)
        }
    });
    match companions {
        Ok(n) => {
            println!(
                "{} is encrypted{}. Its key is {}, locked with your passphrase. Keep the \
                 passphrase safe: without it nobody, not even tend, can open this map.",
                file.display(),
                if n > 0 {
                    format!(", and so are the {n} backups and drafts kept of it")
                } else {
                    String::new()
                },
                key_path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "{} is encrypted, but some of its backups could not be ({e}); run tend encrypt \
                 again to finish.",
                file.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// `tend decrypt FILE`: the map, its backups and its draft become plain text again, and the
/// key is removed.
pub fn decrypt(file: &Path) -> ExitCode {
    let home = match home() {
        Ok(h) => h,
        Err(code) => return code,
    };
    let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    if !crate::passphrase::is_encrypted_file(&file) {
        println!("{} is not encrypted. Nothing was changed.", file.display());
        return ExitCode::SUCCESS;
    }
    let _lock = match lock(&file) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let key = match crate::passphrase::unlock(&file) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let map = match store::load_map_with(&file, Some(&key)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}", e.check_line());
            return ExitCode::FAILURE;
        }
    };
    let result = store::to_ron(&map)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            store::write_atomic_checked(&file, text.as_bytes(), |written| {
                match store::parse_map(written) {
                    Ok(back) if back == map => Ok(()),
                    _ => Err("the map did not read back the same".into()),
                }
            })
        });
    if let Err(e) = result {
        eprintln!(
            "{} could not be decrypted ({e}). Nothing was changed.",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let companions = convert_companions(&home, &file, |bytes| {
        if store::crypt::is_encrypted(bytes) {
            key.open(bytes).map(Some).map_err(|e| e.to_string())
        } else {
            Ok(None)
        }
    });
    if let Err(e) = companions {
        eprintln!(
            "{} is decrypted, but some of its backups are not ({e}).",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let _ = std::fs::remove_file(store::crypt::key_path(&file));
    println!(
        "{} is plain text again, and its key is removed.",
        file.display()
    );
    ExitCode::SUCCESS
}
