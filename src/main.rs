//! The `tend` binary: parses the command line, runs a subcommand or the screen.

use std::process::ExitCode;

use clap::Parser;
use tend::cli::{Cli, Command};
use tend::store::Home;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Export {
            file,
            format,
            output,
            include_private,
        }) => tend::commands::export(file, *format, output.as_deref(), *include_private),
        Some(Command::Check { file }) => tend::commands::check(file),
        Some(Command::Restore { file, number }) => tend::commands::restore(file, *number),
        Some(Command::Encrypt { file }) => tend::commands::encrypt(file),
        Some(Command::Decrypt { file }) => tend::commands::decrypt(file),
        Some(Command::List) => match Home::from_env() {
            Some(home) => tend::commands::list(&home),
            None => {
                eprintln!(
                    "I couldn't find a folder to keep your maps in. Set TEND_HOME to one, please."
                );
                ExitCode::FAILURE
            }
        },
        None => {
            if let Err(e) = color_eyre::install() {
                eprintln!("{e}");
            }
            match tend::app::run(&cli) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("tend stopped: {e:?}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
