//! The event loop and effect executor: the only place that touches the terminal or the disk
//! while tend runs. It reads an event, turns keys into messages through the keymap, calls
//! `update`, carries out the effects (save, open another map, quit, suspend), and draws.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use color_eyre::eyre::{WrapErr, eyre};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::{Position, Rect};

use crate::assets::Assets;
use crate::cli::Cli;
use crate::config::Config;
use crate::history::History;
use crate::keymap::Keymap;
use crate::msg::{Effect, Mouse, MouseKind, Msg};
use crate::open::{self, Access, Opened};
use crate::state::{Model, Notice, Pane, Screen, Source};
use crate::store::crypt::Key;
use crate::store::{self, FlushHandle, Home, SaveState, Target, Writer};
use crate::ui::theme::Theme;
use crate::update::update;

/// How long quitting waits for the last save before giving up.
const QUIT_FLUSH: Duration = Duration::from_secs(5);
/// How often the loop looks at the writer while a save is under way.
const SAVE_POLL: Duration = Duration::from_millis(50);
/// How often an animation (the breathing pacer) is redrawn.
const TICK: Duration = Duration::from_millis(80);

/// The open map's file side: its writer, and the slot the signal thread flushes through.
struct Files {
    home: Home,
    /// The open map's lock (none when read-only or not a file).
    lock: Option<store::MapLock>,
    writer: Option<Writer>,
    flush_slot: Arc<Mutex<Option<FlushHandle>>>,
    /// config.ron could not be read at start: it is never written over.
    config_broken: bool,
    mouse: bool,
    /// The open map's key, when it is encrypted.
    key: Option<Arc<Key>>,
    /// The words last handed to the writer as a draft (where, and what).
    sent_draft: Option<(crate::model::DraftFor, String)>,
}

impl Files {
    fn set_writer(&mut self, writer: Option<Writer>) {
        if let Some(old) = self.writer.take() {
            old.flush(QUIT_FLUSH);
        }
        if let Ok(mut slot) = self.flush_slot.lock() {
            *slot = writer.as_ref().map(Writer::flush_handle);
        }
        self.writer = writer;
    }
}

/// Opens the map the command line asks for and runs the screen until the person quits.
pub fn run(cli: &Cli) -> color_eyre::Result<ExitCode> {
    let assets = Arc::new(Assets::load().map_err(|e| eyre!("{e}"))?);
    let home = Home::from_env().ok_or_else(|| {
        eyre!("I couldn't find a folder to keep your maps in. Set TEND_HOME to one, please.")
    })?;
    let mut keymap = Keymap::defaults().map_err(|e| eyre!("{e}"))?;
    let mut startup_notice = None;
    let keys_file = home.root.join("keys.ron");
    if let Ok(text) = std::fs::read_to_string(&keys_file)
        && let Err(e) = keymap.patch(&text)
    {
        startup_notice = Some(format!(
            "{} could not be used ({e}); the usual keys apply.",
            keys_file.display()
        ));
    }
    let (config, config_problem) = load_config(&home);
    if let Some(problem) = &config_problem {
        startup_notice = Some(problem.clone());
    }
    let no_color = Theme::no_color_env();

    let mut lock = None;
    let mut key: Option<Arc<Key>> = None;
    let mut read_only = None;
    let mut mended = Vec::new();
    let (map, source, screen) = if cli.demo {
        let map = open::demo().map_err(|e| eyre!("{e}"))?;
        (map, Source::Demo, Screen::Parts)
    } else {
        let path = match &cli.file {
            Some(p) => p.clone(),
            None => open::default_path(&home),
        };
        if crate::passphrase::is_encrypted_file(&path) {
            match crate::passphrase::unlock(&path) {
                Ok(k) => key = Some(Arc::new(k)),
                Err(message) => {
                    eprintln!("{message}");
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        match open::open_with(&path, key.as_deref()) {
            Ok(Opened::Map {
                map,
                path,
                mended: notes,
                access,
                ..
            }) => {
                let _ = home.remember(&path);
                match access {
                    Access::Writer(l) => lock = Some(l),
                    Access::ReadOnly(why) => read_only = Some(why),
                }
                mended = notes;
                (map, Source::File(path), Screen::Parts)
            }
            Ok(Opened::Failed(error)) => (
                crate::model::Map::new(""),
                Source::File(path),
                Screen::LoadFailed(error),
            ),
            Err(message) => {
                eprintln!("{message}");
                return Ok(ExitCode::FAILURE);
            }
        }
    };

    let writer = match (&source, &screen, &lock) {
        (Source::File(path), Screen::Parts, Some(_)) => Some(Writer::start_for(Target {
            path: path.clone(),
            backups: Some(home.backups_dir()),
            key: key.clone(),
        })),
        _ => None,
    };
    let theme = Theme::choose(config.theme, no_color);
    let mut model = Model::new(map, source, assets, Arc::new(keymap), theme);
    model.screen = screen;
    model.config = config;
    model.no_color = no_color;
    model.tz = jiff::tz::TimeZone::system();
    model.now = jiff::Timestamp::now();
    if let Some(text) = startup_notice {
        model.notice = Some(Notice::problem(text));
    }
    if !mended.is_empty() {
        model.notice = Some(Notice::problem(mended_sentence(&model, &mended)));
    }
    if let Some(why) = &read_only {
        model.notice = Some(Notice::problem(why.clone()));
    }
    model.read_only = read_only;
    if let (Source::File(path), true) = (&model.source, lock.is_some()) {
        // A save interrupted mid-backup may have left a temporary there too.
        store::remove_temporaries(&store::backup::backup_dir(&home.backups_dir(), path), &[]);
    }
    let mut sent_draft = None;
    if let (Source::File(path), true) = (&model.source, lock.is_some())
        && let Some(draft) = read_draft(path, key.as_deref())
    {
        sent_draft = Some(draft_key(&draft));
        model.modal = Some(crate::state::Modal::Draft(draft));
    }
    if let (Screen::LoadFailed(_), Source::File(path)) = (&model.screen, &model.source) {
        model.rescue = newest_backup_that_loads(&home, path, key.as_deref());
    }

    let flush_slot: Arc<Mutex<Option<FlushHandle>>> =
        Arc::new(Mutex::new(writer.as_ref().map(Writer::flush_handle)));
    watch_signals(Arc::clone(&flush_slot));
    let mut files = Files {
        home,
        lock,
        writer,
        flush_slot,
        config_broken: config_problem.is_some(),
        mouse: false,
        key,
        sent_draft,
    };

    let mut terminal = enter()?;
    let result = event_loop(&mut terminal, &mut model, &mut files);
    leave();
    files.set_writer(None);
    result.map(|()| ExitCode::SUCCESS)
}

/// Sets up the terminal: raw mode, alternate screen, bracketed paste, and a panic hook
/// that undoes all of it (mouse capture too) before the panic is reported.
fn enter() -> color_eyre::Result<DefaultTerminal> {
    let terminal = ratatui::try_init().wrap_err("setting up the terminal")?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui_hook(info);
    }));
    execute!(io::stdout(), EnableBracketedPaste).wrap_err("turning on bracketed paste")?;
    Ok(terminal)
}

/// Gives the terminal back as it was: mouse and paste modes off, raw mode off, main screen.
fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Reads `config.ron`; a file that does not parse is reported and left alone.
fn load_config(home: &Home) -> (Config, Option<String>) {
    let path = home.config_file();
    match std::fs::read_to_string(&path) {
        Ok(text) => match Config::parse(&text) {
            Ok(config) => (config, None),
            Err(e) => (
                Config::default(),
                Some(format!(
                    "I couldn't read {} ({e}); it is left as it is, and your contacts are not shown.",
                    path.display()
                )),
            ),
        },
        Err(_) => (Config::default(), None),
    }
}

fn save_config(files: &Files, config: &Config) -> Result<(), String> {
    if files.config_broken {
        return Err("config.ron could not be read at start, so I won't write over it".into());
    }
    let text = config.to_ron().map_err(|e| e.to_string())?;
    store::ensure_private_dir(&files.home.root).map_err(|e| e.to_string())?;
    store::write_atomic(&files.home.config_file(), text.as_bytes()).map_err(|e| e.to_string())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    files: &mut Files,
) -> color_eyre::Result<()> {
    if let Ok(size) = terminal.size() {
        update(model, Msg::Resize(size.width, size.height));
    }
    let mut redraw = true;
    loop {
        sync_mouse(model, files);
        if redraw {
            terminal
                .draw(|frame| crate::ui::view(model, frame))
                .wrap_err("drawing the screen")?;
            redraw = false;
        }
        let waiting = files
            .writer
            .as_ref()
            .is_some_and(|w| w.state() != SaveState::Saved)
            || model.save != SaveState::Saved;
        let timeout = if model.animating() {
            Some(TICK)
        } else if waiting {
            Some(SAVE_POLL)
        } else {
            None
        };
        let event = if let Some(timeout) = timeout {
            if event::poll(timeout).wrap_err("waiting for a key")? {
                Some(event::read().wrap_err("reading a key")?)
            } else {
                None
            }
        } else {
            // Nothing is moving: block until the person does something.
            Some(event::read().wrap_err("reading a key")?)
        };
        if let Some(w) = &files.writer {
            let state = w.state();
            if state != model.save {
                update(model, Msg::SaveState(state));
                redraw = true;
            }
        }
        let msg = match event {
            None if model.animating() => Some(Msg::Tick),
            Some(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                model.keymap.message(model.context(), &key)
            }
            Some(Event::Paste(text)) => Some(Msg::Paste(text)),
            Some(Event::Resize(w, h)) => Some(Msg::Resize(w, h)),
            Some(Event::Mouse(m)) => {
                let kind = match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => Some(MouseKind::Down),
                    MouseEventKind::Drag(MouseButton::Left) => Some(MouseKind::Drag),
                    MouseEventKind::Up(MouseButton::Left) => Some(MouseKind::Up),
                    _ => None,
                };
                kind.map(|kind| {
                    Msg::Mouse(Mouse {
                        kind,
                        col: m.column,
                        row: m.row,
                    })
                })
            }
            _ => None,
        };
        let Some(msg) = msg else {
            continue;
        };
        model.now = jiff::Timestamp::now();
        let effects = update(model, msg);
        redraw = true;
        for effect in effects {
            if !carry_out(effect, terminal, model, files)? {
                return Ok(());
            }
        }
        sync_draft(model, files);
    }
}

/// What identifies a draft's content (its time changes every second; that alone is no news).
fn draft_key(draft: &crate::model::Draft) -> (crate::model::DraftFor, String) {
    (draft.target.clone(), draft.text.clone())
}

/// Hands the words being written to the writer whenever they change, so they are kept
/// beside the map within a couple of seconds; and lets the draft go when they are kept.
fn sync_draft(model: &Model, files: &mut Files) {
    let Some(writer) = &files.writer else {
        return;
    };
    let draft = model.draft();
    let now = draft.as_ref().map(draft_key);
    if now != files.sent_draft {
        writer.draft(draft.map(|d| d.to_ron()));
        files.sent_draft = now;
    }
}

/// The draft kept beside a map, if there is one that reads.
fn read_draft(map: &Path, key: Option<&Key>) -> Option<crate::model::Draft> {
    let bytes = std::fs::read(store::draft_path(map)).ok()?;
    let plain = match key {
        Some(k) if store::crypt::is_encrypted(&bytes) => k.open(&bytes).ok()?,
        _ => bytes,
    };
    crate::model::Draft::parse(&plain)
}

/// The newest backup of `map` that loads, to offer when the map itself does not.
fn newest_backup_that_loads(
    home: &Home,
    map: &Path,
    key: Option<&Key>,
) -> Option<(std::path::PathBuf, jiff::Timestamp)> {
    store::backup::list(&home.backups_dir(), map)
        .into_iter()
        .find(|b| {
            let Ok(bytes) = std::fs::read(&b.path) else {
                return false;
            };
            let plain = match key {
                Some(k) if store::crypt::is_encrypted(&bytes) => match k.open(&bytes) {
                    Ok(p) => p,
                    Err(_) => return false,
                },
                _ => bytes,
            };
            store::parse_map(&plain).is_ok()
        })
        .map(|b| (b.path, b.at))
}

/// Mouse capture is on only while the parts map is shown, so text can be selected with the
/// mouse everywhere else.
fn sync_mouse(model: &Model, files: &mut Files) {
    let want = matches!(model.screen, Screen::Map);
    if want != files.mouse {
        let result = if want {
            execute!(io::stdout(), EnableMouseCapture)
        } else {
            execute!(io::stdout(), DisableMouseCapture)
        };
        if result.is_ok() {
            files.mouse = want;
        }
    }
}

/// Carries out one effect; returns false when it is time to leave.
fn carry_out(
    effect: Effect,
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    files: &mut Files,
) -> color_eyre::Result<bool> {
    match effect {
        Effect::Save => {
            if let Some(w) = &files.writer {
                w.save(Arc::new(model.map.clone()));
                model.save = SaveState::Pending;
            }
        }
        Effect::Quit => {
            if let Some(w) = &files.writer {
                // The words in an open box were kept by `update`; no draft is needed now.
                w.draft(None);
                if let SaveState::Failed(why) = w.flush(QUIT_FLUSH) {
                    update(model, Msg::QuitBlocked(why));
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Effect::QuitAnyway => return Ok(false),
        Effect::RestoreBackup(backup) => {
            if let Source::File(path) = model.source.clone() {
                match store::backup::restore(
                    &files.home.backups_dir(),
                    &path,
                    &backup,
                    jiff::Timestamp::now(),
                ) {
                    Ok(()) => {
                        open_map(model, files, &path);
                        model.notice = Some(Notice::info(
                            "Opened the newest backup that loads. The file that would not \
                             open is kept as a backup too.",
                        ));
                    }
                    Err(e) => problem(model, format!("The backup could not be put back: {e}.")),
                }
            }
        }
        Effect::Suspend => {
            if let Some(w) = &files.writer {
                w.flush(QUIT_FLUSH);
            }
            files.mouse = false;
            suspend(terminal)?;
        }
        Effect::SaveConfig if model.source == Source::Demo => {
            model.notice = Some(Notice::info(
                "In the demo, settings stay in memory: nothing is written.",
            ));
        }
        Effect::SaveConfig => {
            if let Err(e) = save_config(files, &model.config) {
                model.notice = Some(Notice::problem(format!(
                    "Your settings could not be saved ({e}). They stay as they are until you quit."
                )));
            }
        }
        Effect::ListMaps => {
            let entries = store::list_maps(&files.home);
            update(model, Msg::MapsListed(entries));
        }
        Effect::OpenMap(path) => open_map(model, files, &path),
        Effect::CreateMap(title) => {
            match store::create_map(
                &files.home,
                &title,
                crate::model::Map::new(title.clone()),
                None,
            ) {
                Ok(path) => open_map(model, files, &path),
                Err(e) => problem(model, format!("The new map could not be made: {e}.")),
            }
        }
        Effect::CopyMap(title) => match copy_map(model, files, &title) {
            Ok(path) => {
                open_map(model, files, &path);
                model.notice = Some(Notice::info(format!(
                    "Saved as {}; this copy is open now.",
                    store::map_name(&path)
                )));
            }
            Err(e) => problem(model, format!("The copy could not be saved: {e}.")),
        },
        Effect::RenameMap { path, title } => {
            let is_open = model.source == Source::File(path.clone());
            if is_open {
                // Let go of the map (its last changes saved) so it can be moved.
                files.set_writer(None);
                files.lock = None;
            }
            match store::rename_map(&files.home, &path, &title) {
                Ok(new_path) if is_open => {
                    open_map(model, files, &new_path);
                    model.screen = Screen::Maps(Box::default());
                    update(model, Msg::MapsListed(store::list_maps(&files.home)));
                }
                Ok(_) => {
                    update(model, Msg::MapsListed(store::list_maps(&files.home)));
                }
                Err(e) => {
                    if is_open {
                        open_map(model, files, &path);
                        model.screen = Screen::Maps(Box::default());
                        update(model, Msg::MapsListed(store::list_maps(&files.home)));
                    }
                    problem(model, format!("That map could not be renamed: {e}."))
                }
            }
        }
        Effect::ArchiveMap(path) => match store::archive_map(&files.home, &path) {
            Ok(to) => {
                update(model, Msg::MapsListed(store::list_maps(&files.home)));
                model.notice = Some(Notice::info(format!(
                    "Moved to {}. Nothing was deleted.",
                    to.display()
                )));
            }
            Err(e) => problem(model, format!("That map could not be archived: {e}.")),
        },
    }
    Ok(true)
}

/// Saves a copy of the open map as a new map; an encrypted map's copy is encrypted too.
fn copy_map(model: &Model, files: &Files, title: &str) -> Result<std::path::PathBuf, String> {
    match (&files.key, &model.source) {
        (Some(key), Source::File(path)) => {
            let key_file =
                std::fs::read(store::crypt::key_path(path)).map_err(|e| e.to_string())?;
            store::create_map(
                &files.home,
                title,
                model.map.clone(),
                Some((key, &key_file)),
            )
        }
        _ => store::create_map(&files.home, title, model.map.clone(), None),
    }
}

/// One kind sentence for everything mended as a map loaded.
fn mended_sentence(model: &Model, notes: &[String]) -> String {
    format!(
        "I mended {} as it opened: {}. The file changes only when you do; its old form is then \
         kept as a backup.",
        model.title(),
        notes.join("; ")
    )
}

fn problem(model: &mut Model, text: String) {
    model.notice = Some(Notice::problem(text));
}

/// Closes the open map (its last changes saved) and opens `path` in its place.
fn open_map(model: &mut Model, files: &mut Files, path: &Path) {
    // An encrypted map opens here only with the key already unlocked (a copy of this map,
    // or one encrypted with the same passphrase key); otherwise its passphrase is asked
    // before the screen, by `tend FILE`.
    let key = if crate::passphrase::is_encrypted_file(path) {
        let opens = files
            .key
            .as_ref()
            .filter(|k| store::load_map_with(path, Some(k)).is_ok())
            .cloned();
        if opens.is_none() {
            problem(
                model,
                format!(
                    "{} is encrypted: its passphrase is asked before the screen opens, so open \
                     it with `tend {}`.",
                    store::map_name(path),
                    path.display()
                ),
            );
            return;
        }
        opens
    } else {
        None
    };
    if model.source == Source::File(path.to_path_buf()) {
        files.set_writer(None);
        files.lock = None;
    }
    let opened = match open::open_with(path, key.as_deref()) {
        Ok(o) => o,
        Err(message) => {
            problem(model, message);
            return;
        }
    };
    files.set_writer(None);
    files.lock = None;
    files.key = key.clone();
    files.sent_draft = None;
    model.read_only = None;
    model.rescue = None;
    model.history = History::default();
    model.save = SaveState::Saved;
    model.selected = 0;
    model.part_row = 0;
    model.notes_row = 0;
    model.focus = Pane::List;
    model.modal = None;
    model.drag = None;
    match opened {
        Opened::Map {
            map,
            path,
            mended,
            access,
            ..
        } => {
            match access {
                Access::Writer(lock) => {
                    files.lock = Some(lock);
                    files.set_writer(Some(Writer::start_for(Target {
                        path: path.clone(),
                        backups: Some(files.home.backups_dir()),
                        key: key.clone(),
                    })));
                    if let Some(draft) = read_draft(&path, key.as_deref()) {
                        files.sent_draft = Some(draft_key(&draft));
                        model.modal = Some(crate::state::Modal::Draft(draft));
                    }
                }
                Access::ReadOnly(why) => model.read_only = Some(why),
            }
            let _ = files.home.remember(&path);
            model.map = map;
            model.source = Source::File(path);
            model.screen = Screen::Parts;
            if !mended.is_empty() {
                model.notice = Some(Notice::problem(mended_sentence(model, &mended)));
            }
            if let Some(why) = &model.read_only {
                model.notice = Some(Notice::problem(why.clone()));
            }
        }
        Opened::Failed(error) => {
            model.rescue = newest_backup_that_loads(&files.home, path, key.as_deref());
            model.map = crate::model::Map::new("");
            model.source = Source::File(path.to_path_buf());
            model.screen = Screen::LoadFailed(error);
        }
    }
    model.clamp();
}

/// Gives the terminal to the shell (Ctrl-Z) and takes it back on `fg`, redrawing fully.
fn suspend(terminal: &mut DefaultTerminal) -> color_eyre::Result<()> {
    leave();
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
    *terminal = enter()?;
    // A full redraw without asking the terminal where its cursor is.
    let size = terminal.size().wrap_err("reading the terminal size")?;
    terminal
        .resize(Rect::from((Position::ORIGIN, size)))
        .wrap_err("redrawing after suspend")?;
    Ok(())
}

/// On SIGTERM, SIGHUP (the window closed) or SIGINT: save what is pending, give the
/// terminal back, and exit.
fn watch_signals(slot: Arc<Mutex<Option<FlushHandle>>>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("tend-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let handle = slot.lock().ok().and_then(|s| s.clone());
                    if let Some(h) = handle {
                        h.flush(QUIT_FLUSH);
                    }
                    leave();
                    std::process::exit(128 + signal);
                }
            });
    }
    #[cfg(not(unix))]
    let _ = slot;
}
