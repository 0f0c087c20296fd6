//! Asking for a passphrase before the screen opens: hidden as it is typed, or taken from
//! `TEND_PASSPHRASE` for scripts. Also unlocking a map's key with it.

use std::io::{IsTerminal, Write};
use std::path::Path;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::store::crypt::{self, CryptError, Key};

/// A passphrase: `TEND_PASSPHRASE` if set, else asked on the terminal without echo.
pub fn ask(prompt: &str) -> Result<String, String> {
    if let Some(p) = crypt::passphrase_from_env() {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(
            "a passphrase is needed, and there is no terminal to ask in; set TEND_PASSPHRASE"
                .into(),
        );
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    terminal::enable_raw_mode().map_err(|e| e.to_string())?;
    let result = read_hidden();
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(err);
    result
}

fn read_hidden() -> Result<String, String> {
    let mut text = String::new();
    loop {
        let Event::Key(key) = event::read().map_err(|e| e.to_string())? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(text),
            KeyCode::Esc => return Err("stopped; nothing was changed".into()),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err("stopped; nothing was changed".into());
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c) => text.push(c),
            _ => {}
        }
    }
}

/// A new passphrase, asked twice so a typing slip cannot lock the person out.
pub fn ask_new() -> Result<String, String> {
    if let Some(p) = crypt::passphrase_from_env() {
        return Ok(p);
    }
    let first = ask("A passphrase for this map (it is not shown as you type): ")?;
    if first.chars().count() < 8 {
        return Err(
            "please choose a passphrase of at least 8 characters; nothing was changed".into(),
        );
    }
    let second = ask("The same passphrase again: ")?;
    if first != second {
        return Err("the two passphrases were not the same; nothing was changed".into());
    }
    Ok(first)
}

/// Unlocks the key of the encrypted map at `map` with a passphrase asked for (or from the
/// environment). Says plainly what is wrong otherwise.
pub fn unlock(map: &Path) -> Result<Key, String> {
    let name = crate::store::file_name(map, "");
    let key_path = crypt::key_path(map);
    let key_file = std::fs::read(&key_path).map_err(|_| {
        format!(
            "{name} is encrypted, and its key file {} is missing; without it the map can't be \
             opened. Nothing was changed.",
            key_path.display()
        )
    })?;
    let passphrase = ask(&format!("The passphrase for {name}: "))?;
    Key::unlock(&key_file, &passphrase).map_err(|e| match e {
        CryptError::WrongPassphrase => {
            format!("That passphrase doesn't open {name}. Nothing was changed.")
        }
        other => format!("{name} could not be unlocked: {other}. Nothing was changed."),
    })
}

/// Whether the file at `path` is an encrypted map.
pub fn is_encrypted_file(path: &Path) -> bool {
    use std::io::Read;
    if !path.is_file() {
        return false;
    }
    let mut head = [0u8; 21];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| crypt::is_encrypted(&head))
}
