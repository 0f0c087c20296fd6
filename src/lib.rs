//! tend: a quiet terminal companion for parts work. The modules follow one loop: the keymap
//! turns keys into messages, `update` changes the model, `view` draws it, and `app` is the
//! only place that touches the terminal or the disk.

pub mod app;
pub mod assets;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dialogue;
pub mod export;
pub mod fuzzy;
pub mod geometry;
pub mod history;
pub mod keymap;
pub mod model;
pub mod msg;
pub mod open;
pub mod passphrase;
pub mod redact;
pub mod sample;
pub mod state;
pub mod store;
pub mod ui;
pub mod update;

pub use msg::{Action, Effect, Msg};
pub use state::Model;
pub use update::update;
