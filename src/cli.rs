//! The command line: `tend [FILE]`, `tend --demo`, and the subcommands that work without
//! opening the screen (export, check, list).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::export::Format;

/// A quiet companion for parts work: name the parts of yourself, note what each feels and
/// needs, and meet them with kindness. Everything stays on this machine, in plain files.
#[derive(Parser, Debug)]
#[command(name = "tend", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The map file to open (created if it does not exist). Without it, the map used last.
    pub file: Option<PathBuf>,

    /// Open a fictional demo map in memory; nothing is written.
    #[arg(long, conflicts_with = "file")]
    pub demo: bool,

    /// What to do instead of opening the screen.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a readable export of a map (to standard output unless -o is given).
    Export {
        /// The map file.
        file: PathBuf,
        /// markdown, json or svg.
        #[arg(long, short, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include private fields (notes, burdens, anything marked private) in an SVG handout
        #[arg(long)]
        include_private: bool,
    },
    /// Check that a map file loads: exit 0 if it does, else print FILE:LINE:COL: why.
    Check {
        /// The map file.
        file: PathBuf,
    },
    /// List the maps in $TEND_HOME/maps.
    List,
    /// List the backups of a map, and restore one (what is there now is kept as a backup).
    Restore {
        /// The map file.
        file: PathBuf,
        /// Which backup to restore (its number in the list); asked for when left out.
        number: Option<usize>,
    },
    /// Encrypt a map at rest with a passphrase (age format; TEND_PASSPHRASE for scripts).
    Encrypt {
        /// The map file.
        file: PathBuf,
    },
    /// Decrypt an encrypted map back to plain text.
    Decrypt {
        /// The map file.
        file: PathBuf,
    },
}
