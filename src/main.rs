//! Accord's entry point: no command opens the window, a command runs headless.

use std::process::ExitCode;

use clap::Parser as _;

use accord::cli::{self, Cli, Launch};

fn main() -> ExitCode {
    match Cli::parse().launch() {
        Launch::Window(file) => match accord::app::run_native(file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("accord: cannot open the window: {error:#}");
                ExitCode::FAILURE
            }
        },
        Launch::Headless(command) => cli::run(&command),
    }
}
