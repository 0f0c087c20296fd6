//! The event loop and effect executor: the only place that touches the terminal or the disk
//! while tend runs. It reads an event, turns keys into messages through the keymap, calls
//! `update`, carries out the effects (save, quit, suspend), and draws.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use color_eyre::eyre::{WrapErr, eyre};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::{event::DisableBracketedPaste, event::EnableBracketedPaste, execute};
use ratatui::layout::{Position, Rect};

use crate::assets::Assets;
use crate::cli::Cli;
use crate::config::Config;
use crate::keymap::Keymap;
use crate::msg::{Effect, Msg};
use crate::open::{self, Opened};
use crate::state::{Model, Screen, Source};
use crate::store::{FlushHandle, Home, SaveState, Writer};
use crate::ui::theme::Theme;
use crate::update::update;

/// How long quitting waits for the last save before giving up.
const QUIT_FLUSH: Duration = Duration::from_secs(5);
/// How often the loop looks at the writer while a save is under way.
const SAVE_POLL: Duration = Duration::from_millis(50);
/// How often an animation (the breathing pacer) is redrawn.
const TICK: Duration = Duration::from_millis(80);

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
    let theme = Theme::choose(config.theme, Theme::no_color_env());

    let (map, source, screen) = if cli.demo {
        let map = open::demo().map_err(|e| eyre!("{e}"))?;
        (map, Source::Demo, Screen::Parts)
    } else {
        let path = match &cli.file {
            Some(p) => p.clone(),
            None => open::default_path(&home),
        };
        match open::open(&path) {
            Ok(Opened::Map { map, path, .. }) => {
                let _ = home.remember(&path);
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

    let writer = match (&source, &screen) {
        (Source::File(path), Screen::Parts) => Some(Writer::start(path.clone())),
        _ => None,
    };
    let mut model = Model::new(map, source, assets, Arc::new(keymap), theme);
    model.screen = screen;
    model.config = config;
    model.tz = jiff::tz::TimeZone::system();
    model.now = jiff::Timestamp::now();
    if let Some(text) = startup_notice {
        model.notice = Some(crate::state::Notice::problem(text));
    }

    let flush_slot: Arc<Mutex<Option<FlushHandle>>> =
        Arc::new(Mutex::new(writer.as_ref().map(Writer::flush_handle)));
    watch_signals(Arc::clone(&flush_slot));

    let mut terminal = enter()?;
    let settings = Settings {
        home: &home,
        broken: config_problem.is_some(),
    };
    let result = event_loop(&mut terminal, &mut model, writer.as_ref(), &settings);
    leave();
    drop(writer);
    result.map(|()| ExitCode::SUCCESS)
}

/// Sets up the terminal: raw mode, alternate screen, bracketed paste, and a panic hook
/// that undoes all of it before the panic is reported.
fn enter() -> color_eyre::Result<DefaultTerminal> {
    let terminal = ratatui::try_init().wrap_err("setting up the terminal")?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui_hook(info);
    }));
    execute!(io::stdout(), EnableBracketedPaste).wrap_err("turning on bracketed paste")?;
    Ok(terminal)
}

/// Gives the terminal back as it was: paste mode off, raw mode off, main screen.
fn leave() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Where the settings live, and whether the file there could not be read (then it is
/// never written over).
struct Settings<'a> {
    home: &'a Home,
    broken: bool,
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

fn save_config(settings: &Settings, config: &Config) -> Result<(), String> {
    if settings.broken {
        return Err("config.ron could not be read at start, so I won't write over it".into());
    }
    let text = config.to_ron().map_err(|e| e.to_string())?;
    crate::store::ensure_private_dir(&settings.home.root).map_err(|e| e.to_string())?;
    crate::store::write_atomic(&settings.home.config_file(), text.as_bytes())
        .map_err(|e| e.to_string())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    model: &mut Model,
    writer: Option<&Writer>,
    settings: &Settings,
) -> color_eyre::Result<()> {
    let mut redraw = true;
    loop {
        if redraw {
            terminal
                .draw(|frame| crate::ui::view(model, frame))
                .wrap_err("drawing the screen")?;
            redraw = false;
        }
        let waiting =
            writer.is_some_and(|w| w.state() != SaveState::Saved) || model.save != SaveState::Saved;
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
        if let Some(w) = writer {
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
            Some(Event::Resize(_, _)) => {
                redraw = true;
                None
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
            match effect {
                Effect::Save => {
                    if let Some(w) = writer {
                        w.save(Arc::new(model.map.clone()));
                        model.save = SaveState::Pending;
                    }
                }
                Effect::Quit => {
                    if let Some(w) = writer {
                        w.flush(QUIT_FLUSH);
                    }
                    return Ok(());
                }
                Effect::SaveConfig => {
                    if let Err(e) = save_config(settings, &model.config) {
                        model.notice = Some(crate::state::Notice::problem(format!(
                            "Your contacts could not be saved ({e}). They are here until you quit."
                        )));
                    }
                }
                Effect::Suspend => {
                    if let Some(w) = writer {
                        w.flush(QUIT_FLUSH);
                    }
                    suspend(terminal)?;
                }
            }
        }
    }
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
