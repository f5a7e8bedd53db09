//! `accord room`: the room without a window. It prints the join address, applies what each
//! participant sends to the session with the window's own code, saves the session atomically
//! as each arrives, and on Ctrl+C or SIGTERM closes the room, saves and exits 0.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::model::{Agreement, Session, Step};
use crate::room::{self, Config, Offer, Refusal, Room, view};
use crate::storage;

/// The steps `--step` can narrow the room to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RoomStep {
    Audit,
    Icp,
    Definitions,
    Pipeline,
    Slas,
}

#[derive(Debug, Args)]
pub struct RoomArgs {
    /// The session file (.ron); saved atomically as each participant's input arrives.
    pub file: PathBuf,
    /// The address to listen on [default: this computer's first address on a network].
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<IpAddr>,
    /// The port [default: a free one].
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Offer only this step: the audit, or that step's agreements [default: the audit and
    /// every agreement].
    #[arg(long, value_enum, value_name = "STEP")]
    pub step: Option<RoomStep>,
    /// A host name a reverse proxy or tunnel forwards to the room (`room.example.com`):
    /// requests for it are answered too.
    #[arg(long, value_name = "HOST")]
    pub public_host: Option<String>,
}

/// What the room offers for `step`.
fn offer(session: &Session, step: Option<RoomStep>) -> Offer {
    let agreements = |keep: fn(&Agreement) -> bool| -> Vec<Agreement> {
        session.agreements().into_iter().filter(keep).collect()
    };
    match step {
        None => Offer::everything(session),
        Some(RoomStep::Audit) => Offer::for_step(Step::Audit, Vec::new()),
        Some(RoomStep::Icp) => Offer::for_step(Step::Icp, vec![Agreement::Icp]),
        Some(RoomStep::Pipeline) => Offer::for_step(Step::Pipeline, vec![Agreement::Pipeline]),
        Some(RoomStep::Definitions) => Offer::for_step(
            Step::Definitions,
            agreements(|a| matches!(a, Agreement::Definition(_))),
        ),
        Some(RoomStep::Slas) => {
            Offer::for_step(Step::Slas, agreements(|a| matches!(a, Agreement::Sla(_))))
        }
    }
}

/// The session in `file` and its fingerprint, when the file is no longer the one written with
/// `fingerprint` and still loads.
fn changed_on_disk(
    file: &std::path::Path,
    fingerprint: storage::Fingerprint,
) -> Option<(Session, storage::Fingerprint)> {
    let now = storage::Fingerprint::of_file(file).ok().flatten()?;
    if now == fingerprint {
        return None;
    }
    storage::load_with_fingerprint(file).ok()
}

/// Waits for Ctrl+C or SIGTERM on a thread of its own, and says so on `stop`.
fn on_signal(stop: mpsc::Sender<()>) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("accord-signals".to_owned())
        .spawn(move || {
            runtime.block_on(async {
                #[cfg(unix)]
                {
                    use tokio::signal::unix::{SignalKind, signal};
                    let Ok(mut term) = signal(SignalKind::terminate()) else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                }
                #[cfg(not(unix))]
                {
                    let _ = tokio::signal::ctrl_c().await;
                }
            });
            let _ = stop.send(());
        })?;
    Ok(())
}

pub fn run(args: &RoomArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let file = &args.file;
    let (mut session, mut fingerprint) = storage::load_with_fingerprint(file)?;
    if session.teams.iter().all(|t| !t.signs_off) {
        bail!("{}: the session has no teams to join as", file.display());
    }
    let offer = offer(&session, args.step);
    let bind = match args.bind {
        Some(bind) => bind,
        None => room::interfaces()
            .first()
            .map(|(_, ip)| *ip)
            .context("no network interface to open the room on")?,
    };
    let public_host = match args.public_host.as_deref() {
        Some(host) => Some(room::public_host(host).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let config = Config {
        port: args.port,
        public_host,
        ..Config::on(bind)
    };
    let (stop, stopped) = mpsc::channel();
    on_signal(stop)?;
    let open = Room::open(&config, view::snapshot(&session, &offer, false), || {})
        .with_context(|| format!("the room could not be opened on {bind}:{}", args.port))?;
    writeln!(out, "{}", open.join_url())?;
    writeln!(
        out,
        "Or type {} and the code {} · Ctrl+C closes the room",
        open.address_url(),
        open.code()
    )?;
    out.flush()?;
    while stopped.try_recv().is_err() {
        let Some(incoming) = open.next_within(Duration::from_millis(200)) else {
            continue;
        };
        // Another program (`accord sign`, an editor) may have saved the file since: its
        // version is the one to add to, or its change would be lost with this save.
        if let Some((theirs, their_fingerprint)) = changed_on_disk(file, fingerprint) {
            eprintln_inert!(
                "{}: changed by another program; read again, and the room goes on from it",
                file.display()
            );
            session = theirs;
            fingerprint = their_fingerprint;
        }
        let mut changed = session.clone();
        let result = room::apply::apply(
            &mut changed,
            &incoming.from,
            &incoming.what,
            jiff::Timestamp::now(),
        );
        let result = match result {
            Ok(message) => match storage::save_over(file, &changed, Some(fingerprint)) {
                Ok(saved) => {
                    session = changed;
                    fingerprint = saved;
                    eprintln_inert!("{message}");
                    Ok(message)
                }
                Err(error) => {
                    let error = anyhow::Error::from(error);
                    eprintln_inert!("{}: not saved: {error:#}", file.display());
                    Err(Refusal::Invalid(
                        "the session could not be saved; nothing was recorded".to_owned(),
                    ))
                }
            },
            Err(refusal) => Err(refusal),
        };
        incoming.answer(result);
        open.publish(view::snapshot(&session, &offer, false));
    }
    open.close();
    // Every submission was saved as it arrived: what is on disk is the session, or another
    // program's later version of it, which a save now would undo.
    if changed_on_disk(file, fingerprint).is_none() {
        storage::save(file, &session)?;
    }
    writeln!(out, "The room is closed; {} is saved.", file.display())?;
    Ok(())
}
