//! `accord crm apply DIR --hubspot`: sets a HubSpot portal up from the folder
//! `accord export --format hubspot` wrote. It reads what the portal has first, shows what it
//! would create or change, and changes it only with `--yes`; it never deletes.

use std::io::{Read as _, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, bail};
use serde_json::Value;

use crate::export::crm::hubspot::apply::{self, ApplyError, Failed, Portal, PortalError};

/// The environment variable that holds the private app's token.
pub const TOKEN_VARIABLE: &str = "HUBSPOT_TOKEN";
/// The most of an answer Accord reads: a portal's pipelines or one property.
const MAX_ANSWER_BYTES: u64 = 8 * 1024 * 1024;
/// The most of a plan Accord reads.
const MAX_PLAN_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct CrmArgs {
    #[command(subcommand)]
    pub command: CrmCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum CrmCommand {
    /// Set a CRM up from a folder `accord export` wrote: reads what it has, shows what would be
    /// created or changed, and applies it with --yes. Never deletes anything.
    Apply(ApplyArgs),
}

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// The folder `accord export --format hubspot` wrote (it holds plan.json).
    pub dir: PathBuf,
    /// Apply to HubSpot, with a private app's access token in the environment variable
    /// HUBSPOT_TOKEN (never on the command line).
    #[arg(long, required = true)]
    pub hubspot: bool,
    /// Show what would be created or changed, and change nothing (the default).
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
    /// Make the changes.
    #[arg(long)]
    pub yes: bool,
    /// HubSpot's API address, for a proxy or a test stand-in. Plain http is only taken to
    /// this computer.
    #[arg(long, value_name = "URL", default_value = "https://api.hubapi.com")]
    pub api: String,
}

/// The way to a HubSpot portal over HTTP. The token is only ever put in the Authorization
/// header.
struct HubSpot {
    agent: ureq::Agent,
    base: String,
    token: String,
}

/// HubSpot's own words in an error answer: its `message`, else the status's reason.
fn message(status: u16, text: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(text).ok();
    let said = parsed
        .as_ref()
        .and_then(|v| v.get("message"))
        .and_then(Value::as_str)
        .map(|m| m.chars().take(500).collect::<String>());
    said.unwrap_or_else(|| match status {
        401 => "the token was refused: check HUBSPOT_TOKEN".to_owned(),
        403 => "the token lacks a scope this call needs".to_owned(),
        _ => "no explanation given".to_owned(),
    })
}

impl HubSpot {
    fn call(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, String), PortalError> {
        let url = format!("{}{path}", self.base);
        let bearer = format!("Bearer {}", self.token);
        for attempt in 0..4 {
            let sent = match (method, body) {
                ("GET", _) => self.agent.get(&url).header("Authorization", &bearer).call(),
                ("POST", Some(body)) => self
                    .agent
                    .post(&url)
                    .header("Authorization", &bearer)
                    .send_json(body),
                ("PATCH", Some(body)) => self
                    .agent
                    .patch(&url)
                    .header("Authorization", &bearer)
                    .send_json(body),
                _ => {
                    return Err(PortalError::Transport(format!(
                        "Accord does not send {method} {path}"
                    )));
                }
            };
            let mut response = sent.map_err(|error| {
                PortalError::Transport(format!("{method} {path} did not reach HubSpot: {error}"))
            })?;
            let status = response.status().as_u16();
            // HubSpot limits calls per second; it says how long to wait.
            if status == 429 && attempt < 3 {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .min(10);
                std::thread::sleep(Duration::from_secs(wait));
                continue;
            }
            let mut text = String::new();
            response
                .body_mut()
                .as_reader()
                .take(MAX_ANSWER_BYTES)
                .read_to_string(&mut text)
                .map_err(|error| {
                    PortalError::Transport(format!("HubSpot's answer could not be read: {error}"))
                })?;
            return Ok((status, text));
        }
        Err(PortalError::Status {
            status: 429,
            message: "HubSpot kept asking to slow down; run again in a minute".to_owned(),
        })
    }

    fn json(text: &str) -> Result<Value, PortalError> {
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(text).map_err(|error| {
            PortalError::Transport(format!("HubSpot's answer is not JSON: {error}"))
        })
    }
}

impl Portal for HubSpot {
    fn get(&mut self, path: &str) -> Result<Option<Value>, PortalError> {
        match self.call("GET", path, None)? {
            (404, _) => Ok(None),
            (status, text) if (200..300).contains(&status) => Self::json(&text).map(Some),
            (status, text) => Err(PortalError::Status {
                status,
                message: message(status, &text),
            }),
        }
    }

    fn send(&mut self, method: &str, path: &str, body: &Value) -> Result<Value, PortalError> {
        match self.call(method, path, Some(body))? {
            (status, text) if (200..300).contains(&status) => Self::json(&text),
            (status, text) => Err(PortalError::Status {
                status,
                message: message(status, &text),
            }),
        }
    }
}

/// The API address, checked: https, or http to this computer only, so the token never
/// crosses a network in clear.
fn api_base(api: &str) -> anyhow::Result<String> {
    let uri: ureq::http::Uri = api
        .parse()
        .with_context(|| format!("--api {api}: not an address"))?;
    let host = uri.host().unwrap_or_default();
    let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1");
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if local => {}
        Some("http") => bail!(
            "--api {api}: plain http would send the token in clear; use https (http is taken only to this computer)"
        ),
        _ => bail!("--api {api}: give an https:// address"),
    }
    if uri.query().is_some() {
        bail!("--api {api}: give the address without a query");
    }
    Ok(api.trim_end_matches('/').to_owned())
}

pub fn run(args: &CrmArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let CrmCommand::Apply(args) = &args.command;
    let plan_path = args.dir.join("plan.json");
    let mut text = String::new();
    std::fs::File::open(&plan_path)
        .and_then(|file| file.take(MAX_PLAN_BYTES).read_to_string(&mut text))
        .with_context(|| {
            format!(
                "{}: cannot read the plan; write it with `accord export SESSION --format hubspot --output {}`",
                plan_path.display(),
                args.dir.display()
            )
        })?;
    let plan =
        apply::read_plan(&text).map_err(|e| anyhow::anyhow!("{}: {e}", args.dir.display()))?;
    let base = api_base(&args.api)?;
    let token = std::env::var(TOKEN_VARIABLE)
        .ok()
        .filter(|t| !t.trim().is_empty());
    let Some(token) = token else {
        bail!(
            "set {TOKEN_VARIABLE} to the access token of a HubSpot private app (Settings › Integrations › Private apps); Accord reads it only from the environment and never writes it"
        );
    };
    if token.chars().any(|c| c.is_control() || c == ' ') {
        bail!("{TOKEN_VARIABLE} holds spaces or control characters: copy the token again");
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut portal = HubSpot {
        agent,
        base: base.clone(),
        token,
    };
    writeln!(
        out,
        "HubSpot at {base}: {} calls in {}",
        plan.len(),
        plan_path.display()
    )?;
    let review = apply::review(&plan, &mut portal)?;
    for kept in &review.kept {
        writeln!(out, "kept: {kept}")?;
    }
    if review.changes.is_empty() {
        writeln!(
            out,
            "Nothing to do: the portal has all {} items as the plan says.",
            review.unchanged.len()
        )?;
        return Ok(());
    }
    if !args.yes {
        for change in &review.changes {
            writeln!(out, "would {}", change.summary)?;
        }
        writeln!(
            out,
            "Dry run: nothing was changed ({} to make, {} already as planned). Run again with --yes to apply.",
            review.changes.len(),
            review.unchanged.len()
        )?;
        return Ok(());
    }
    match apply::apply(&review.changes, &mut portal) {
        Ok(done) => {
            for line in &done {
                writeln!(out, "did {line}")?;
            }
            writeln!(
                out,
                "Applied: {} made, {} already as planned.",
                done.len(),
                review.unchanged.len()
            )?;
            Ok(())
        }
        Err(ApplyError::Change(failed)) => {
            let Failed {
                method,
                path,
                summary,
                error,
                done,
                not_sent,
            } = *failed;
            for line in &done {
                writeln!(out, "did {line}")?;
            }
            for line in &not_sent {
                writeln!(out, "not sent: {line}")?;
            }
            bail!(
                "{method} {path} ({summary}) failed: {error}. {} change(s) were made before it and {} not sent; fix the cause and run again: what is done is not done twice.",
                done.len(),
                not_sent.len()
            )
        }
        Err(error) => Err(error.into()),
    }
}
