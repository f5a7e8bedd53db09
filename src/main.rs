//! Accord's entry point: no command opens the window, a command runs headless.

use std::process::ExitCode;

use clap::Parser as _;

use accord::cli::{self, Cli, Launch};

fn main() -> ExitCode {
    match Cli::parse().launch() {
        Launch::Window(file) => match accord::ui::run_native(file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("accord: cannot open the window: {error:#}");
                eprintln!(
                    "accord: the window needs a desktop session (X11 or Wayland); on Debian its \
                     libraries are in libxkbcommon-x11-0 libxcursor1 libxi6 libegl1 libgl1-mesa-dri. \
                     Everything else works without a window: see `accord --help`."
                );
                ExitCode::FAILURE
            }
        },
        Launch::Headless(command) => cli::run(&command),
    }
}
