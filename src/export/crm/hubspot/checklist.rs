//! `checklist.md` for HubSpot: what its public API cannot set, with the exact values, so that
//! a RevOps person can follow it without the session open.

use std::fmt::Write as _;

use super::{DISQUALIFIED, ICP_FIT, LEAD_STATUS, SCORE, pipeline_label, plan, probability};
use crate::analysis::scoring::free_mail_list;
use crate::export::crm::{
    Odds, Outcome, Setup, checklist_head, compliance, escalation, names, sla_amount, sla_heading,
};
use crate::export::markdown::{cell, inline};
use crate::model::{Behaviour, Condition, Sla, Stage, TimeUnit};

/// The checklist, as Markdown.
pub fn checklist(setup: &Setup<'_>) -> String {
    let mut out = checklist_head(setup, "HubSpot");
    apply_section(&mut out, setup);
    lifecycle_section(&mut out, setup);
    scoring_section(&mut out, setup);
    sla_section(&mut out, setup);
    teams_section(&mut out, setup);
    out
}

fn name(text: &str) -> String {
    inline(&names::label(text, usize::MAX))
}

fn apply_section(out: &mut String, setup: &Setup<'_>) {
    let calls = plan(setup);
    let _ = writeln!(out, "## 1. Apply the plan\n");
    let mut creates = vec![
        "the property group “Accord agreement”".to_owned(),
        format!("the contact properties {SCORE} (lead score) and {ICP_FIT} (ICP fit)"),
    ];
    if !setup.checks.is_empty() {
        creates.push(format!(
            "{} checkboxes, one per verification point",
            setup.checks.len()
        ));
    }
    if !setup.lead_stages.is_empty() {
        creates.push("the lead statuses".to_owned());
    }
    if !setup.deal_stages.is_empty() {
        creates.push(format!(
            "the deal pipeline “{}”",
            inline(&pipeline_label(setup))
        ));
    }
    let last = creates.pop().unwrap_or_default();
    let _ = writeln!(
        out,
        "`plan.json` holds the {} API calls that create what HubSpot's API can: {} and {last}.\n",
        calls.len(),
        creates.join(", "),
    );
    let _ = writeln!(
        out,
        "1. Create a private app in HubSpot (Settings › Integrations › Private apps) with the scopes `crm.schemas.contacts.read`, `crm.schemas.contacts.write`, `crm.schemas.deals.read` and `crm.schemas.deals.write`, and copy its access token."
    );
    let _ = writeln!(
        out,
        "2. In a terminal, put the token in the environment (`export HUBSPOT_TOKEN=…`; Accord never reads it from the command line and never writes it anywhere)."
    );
    let _ = writeln!(
        out,
        "3. Run `accord crm apply THIS-FOLDER --hubspot`: it reads what the portal has and lists what it would create or change, changing nothing."
    );
    let _ = writeln!(
        out,
        "4. Run it again with `--yes` to apply. It creates what is missing and updates what differs; it never deletes. Running it twice changes nothing the second time.\n"
    );
    if !setup.deal_stages.is_empty() {
        let _ = writeln!(out, "The deal stages it sets up, in order:\n");
        let _ = writeln!(
            out,
            "| Stage | Probability | Closed | Why this probability |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- |");
        for stage in &setup.deal_stages {
            let why = match (stage.odds, stage.outcome) {
                (Odds::Funnel { reached, won }, _) => {
                    format!("{won} of {reached} deals that reached it were won (funnel counts)")
                }
                (Odds::Default, _) => {
                    "No funnel count: evenly spaced between the first deal stage and won".to_owned()
                }
                (_, Outcome::Won) => "Closed won".to_owned(),
                (_, _) if stage.stage.is_none() => {
                    "Closed lost; the session has no lost stage, so Accord adds it".to_owned()
                }
                _ => "Closed lost".to_owned(),
            };
            let closed = if stage.outcome == Outcome::Open {
                "no"
            } else {
                "yes"
            };
            let _ = writeln!(
                out,
                "| {} | {} | {closed} | {} |",
                cell(&stage.name),
                probability(stage.probability),
                cell(&why)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{}\n", inline(&setup.deal_start));
    }
}

/// HubSpot's default lifecycle stage for a session stage, or `None` when it needs one of its own.
fn lifecycle_of(setup: &Setup<'_>, stage: &Stage) -> Option<&'static str> {
    let is = |n: &str| stage.name.trim().eq_ignore_ascii_case(n);
    if setup
        .deal_stage(stage.id)
        .is_some_and(|d| d.outcome == Outcome::Won)
        || setup.after_won.iter().any(|s| s.id == stage.id)
    {
        return Some("Customer");
    }
    if setup.deal_stage(stage.id).is_some() {
        return Some("Opportunity");
    }
    if is("Lead") {
        Some("Lead")
    } else if is("MQL") || setup.mql.is_some_and(|m| m.id == stage.id) {
        Some("Marketing Qualified Lead")
    } else if is("SQL") {
        Some("Sales Qualified Lead")
    } else {
        None
    }
}

fn lifecycle_section(out: &mut String, setup: &Setup<'_>) {
    let _ = writeln!(out, "## 2. Lifecycle stages\n");
    if setup.session.stages.is_empty() {
        let _ = writeln!(out, "Nothing to map: the session has no stages yet.\n");
        return;
    }
    let _ = writeln!(
        out,
        "In Settings › Objects › Contacts › Lifecycle stage, map each stage of the agreement, and paste its definition as the lifecycle stage's description:\n"
    );
    let _ = writeln!(
        out,
        "| Agreement's stage | HubSpot lifecycle stage | Description |"
    );
    let _ = writeln!(out, "| --- | --- | --- |");
    for stage in &setup.session.stages {
        let lifecycle = match lifecycle_of(setup, stage) {
            Some(lifecycle) => lifecycle.to_owned(),
            None => format!(
                "Create a custom stage “{}” right after the one above",
                names::label(&stage.name, usize::MAX)
            ),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&stage.name),
            cell(&lifecycle),
            cell(&setup.meaning(stage))
        );
    }
    let _ = writeln!(out);
    for stage in &setup.after_won {
        let _ = writeln!(
            out,
            "“{}” comes after the sale: a contact stays a Customer. Record it as a new deal in the pipeline above with the deal type “Existing business”.\n",
            name(&stage.name)
        );
    }
    if !setup.lead_stages.is_empty() {
        let _ = writeln!(
            out,
            "The lead status property ({LEAD_STATUS}) gets one option per stage before a deal, and “Disqualified” ({DISQUALIFIED}) for a lead that leaves with a reason: `accord crm apply` adds them.\n"
        );
    }
}

/// A scoring rule as HubSpot's lead-scoring tool asks for it: the group and the criterion.
fn hubspot_criterion(setup: &Setup<'_>, condition: &Condition) -> (&'static str, String) {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("“{}”", names::label(i, 100)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match condition {
        Condition::TitleContains(words) => (
            "Fit",
            format!("Contact property “Job Title” contains any of {}", list(words)),
        ),
        Condition::CompanySizeBetween { min, max } => (
            "Fit",
            format!("Company property “Number of Employees” is between {min} and {max}"),
        ),
        Condition::IndustryIn(industries) => (
            "Fit",
            format!("Company property “Industry” is any of {}", list(industries)),
        ),
        Condition::CountryIn(countries) => (
            "Fit",
            format!("Contact property “Country/Region” is any of {}", list(countries)),
        ),
        Condition::MatchesIcpCriterion(id) => {
            let criterion = setup
                .session
                .icp
                .criteria
                .iter()
                .find(|c| c.id == *id)
                .map(|c| {
                    names::label(
                        &format!("{} is {}", c.attribute.trim(), c.values.join(", ")),
                        200,
                    )
                })
                .unwrap_or_else(|| "an ICP criterion".to_owned());
            (
                "Fit",
                format!(
                    "Contact property “Accord ICP fit” ({ICP_FIT}) is “Fits the ICP” (the criterion: {criterion})"
                ),
            )
        }
        Condition::Did(behaviour) => ("Engagement", behaviour_criterion(*behaviour)),
        Condition::CompetitorDomain(domains) if domains.is_empty() => (
            "Fit",
            "Contact property “Email Domain” is any of your competitors' domains (the session lists none: add them)".to_owned(),
        ),
        Condition::CompetitorDomain(domains) => (
            "Fit",
            format!("Contact property “Email Domain” is any of {}", list(domains)),
        ),
        Condition::Student => (
            "Fit",
            "Contact property “Job Title” contains “student”".to_owned(),
        ),
        Condition::FreeMailAddress => (
            "Fit",
            format!(
                "Contact property “Email Domain” is any of the {} free-mail domains listed below",
                free_mail_list().len()
            ),
        ),
        Condition::InvalidPhone => match setup
            .checks
            .iter()
            .find(|c| c.text.to_lowercase().contains("phone"))
        {
            Some(check) => (
                "Fit",
                format!(
                    "Contact property “{}” ({}) is No",
                    names::label(&format!("{}: {}", check.definition.term.trim(), check.text), 100),
                    check.hubspot
                ),
            ),
            None => (
                "Fit",
                "Contact property “Phone Number” is unknown".to_owned(),
            ),
        },
    }
}

fn behaviour_criterion(behaviour: Behaviour) -> String {
    match behaviour {
        Behaviour::VisitedPricingPage => {
            "Page view: the page URL contains your pricing page's path (such as /pricing)"
        }
        Behaviour::DownloadedContent => "Form submission: any of your gated-content download forms",
        Behaviour::AttendedWebinar => "Marketing event: attended any webinar",
        Behaviour::RequestedDemo => "Form submission: your demo-request form",
        Behaviour::EngagedWithEmail => "Marketing email: clicked a link in any marketing email",
    }
    .to_owned()
}

fn scoring_section(out: &mut String, setup: &Setup<'_>) {
    let scoring = &setup.session.scoring;
    let _ = writeln!(out, "## 3. Lead scoring\n");
    if scoring.rules.is_empty() {
        let _ = writeln!(
            out,
            "The session has no scoring rules yet: agree them on the “Lead scoring” step before setting up HubSpot's score.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "1. In Marketing › Lead scoring, create a score named “Accord lead score” for contacts, with these criteria and points (a negative number removes points):\n"
    );
    let _ = writeln!(out, "| Agreed rule | Group | HubSpot criterion | Points |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    let mut free_mail = false;
    for rule in &scoring.rules {
        free_mail |= matches!(rule.condition, Condition::FreeMailAddress);
        let (group, criterion) = hubspot_criterion(setup, &rule.condition);
        let _ = writeln!(
            out,
            "| {} | {group} | {} | {:+} |",
            cell(&rule.condition.describe()),
            cell(&criterion),
            rule.points
        );
    }
    let _ = writeln!(out);
    if free_mail {
        let _ = writeln!(
            out,
            "   The free-mail domains: {}.\n",
            free_mail_list().join(", ")
        );
    }
    let mql = setup
        .mql
        .map_or("MQL".to_owned(), |s| names::label(&s.name, usize::MAX));
    let mql_checks: Vec<String> = setup
        .checks
        .iter()
        .filter(|c| setup.mql.is_some_and(|m| c.definition.is_term(&m.name)))
        .map(|c| format!("“{}” ({}) is Yes", inline(&c.text), c.hubspot))
        .collect();
    let _ = writeln!(
        out,
        "2. In Automation › Workflows, create a contact-based workflow “Accord: {}”:",
        inline(&mql)
    );
    let _ = writeln!(
        out,
        "   - Enrollment trigger: the score from step 1 is greater than or equal to {}{}.",
        scoring.threshold,
        if mql_checks.is_empty() {
            String::new()
        } else {
            format!(", and {}", mql_checks.join(", and "))
        }
    );
    let _ = writeln!(
        out,
        "   - Action “Copy property value”: from the score of step 1 to “Accord lead score” ({SCORE})."
    );
    let stage_line = match setup.mql {
        Some(stage) => format!(
            "   - Action “Edit record”: set “Lifecycle stage” to {} and “Lead Status” to “{}”.",
            lifecycle_of(setup, stage).unwrap_or("the custom stage of section 2"),
            inline(&names::label(&stage.name, usize::MAX))
        ),
        None => "   - Action “Edit record”: set “Lifecycle stage” to Marketing Qualified Lead."
            .to_owned(),
    };
    let _ = writeln!(out, "{stage_line}");
    let _ = writeln!(
        out,
        "   - Re-enrollment: on, for the score rising past {} again after it fell.\n",
        scoring.threshold
    );
}

/// The HubSpot property and value that says a record is at `stage`.
fn trigger_of(setup: &Setup<'_>, stage: &Stage) -> String {
    let stage_name = names::label(&stage.name, usize::MAX);
    if setup.deal_stage(stage.id).is_some() {
        format!(
            "Deal-based: “Deal stage” is “{stage_name}” in “{}”",
            pipeline_label(setup)
        )
    } else if setup.lead_stages.iter().any(|s| s.id == stage.id) {
        format!("Contact-based: “Lead Status” is “{stage_name}”")
    } else {
        format!(
            "Contact-based: “Lifecycle stage” is Customer (“{stage_name}” comes after the sale)"
        )
    }
}

fn delay(sla: &Sla) -> String {
    let amount = sla.when.amount;
    match sla.when.unit {
        TimeUnit::Minutes => format!("{amount} minutes"),
        TimeUnit::Hours => format!("{amount} hours"),
        TimeUnit::Days => format!("{amount} days"),
        TimeUnit::BusinessHours => format!(
            "{amount} hours, with the workflow's execution times (Settings › Execution times) set to {}{}. HubSpot counts a delay in calendar hours: the delay is exact when the wait falls inside one working day; when it spans closed hours (a night, a weekend, a holiday), the reminder comes that much early",
            sla.business_hours.describe(),
            zone(sla)
        ),
        TimeUnit::BusinessDays => format!(
            "{amount} business days: the delay “Delay for a set amount of time” with {amount} days, and execution times (Settings › Execution times) set to {}{}",
            sla.business_hours.describe(),
            zone(sla)
        ),
        TimeUnit::PerMonth => String::new(),
    }
}

fn zone(sla: &Sla) -> String {
    match sla.time_zone.trim() {
        "" => " (UTC)".to_owned(),
        zone => format!(" ({})", names::label(zone, 60)),
    }
}

fn sla_section(out: &mut String, setup: &Setup<'_>) {
    let session = setup.session;
    let _ = writeln!(out, "## 4. One workflow per SLA\n");
    if session.slas.is_empty() {
        let _ = writeln!(out, "The session has no SLAs yet.\n");
        return;
    }
    for (index, sla) in session.slas.iter().enumerate() {
        let (heading, title) = sla_heading(session, sla, &format!("4.{}", index + 1));
        let _ = writeln!(out, "{heading}");
        let from = session.team_name(sla.from_team);
        if !sla.what.trim().is_empty() {
            let _ = writeln!(out, "The commitment: {}\n", inline(&sla.what));
        }
        let stage = session
            .stages
            .iter()
            .find(|s| s.handoff.sla == Some(sla.id));
        if sla.when.unit == TimeUnit::PerMonth {
            let _ = writeln!(
                out,
                "A volume, not a deadline: no workflow. In Reports › Goals, create a goal of {} a month for the {} team.\n\n{}\n",
                sla_amount(sla),
                inline(from),
                compliance(sla)
            );
            continue;
        }
        let trigger = match stage {
            Some(stage) => format!(
                "{} (the clock starts when: {})",
                trigger_of(setup, stage),
                inline(sla.when.clock_starts.trim())
            ),
            None => format!(
                "the property that records “{}”; the SLA is on no stage's hand-off, so pick the property that changes then",
                inline(sla.when.clock_starts.trim())
            ),
        };
        let _ = writeln!(
            out,
            "In Automation › Workflows, create “Accord: {}”:\n",
            inline(&title)
        );
        let _ = writeln!(out, "1. Enrollment trigger: {trigger}.");
        let _ = writeln!(
            out,
            "2. Action “Create task”: “{}: {}”, assigned to the record owner in the {} team, due at once.",
            inline(&title),
            inline(&names::label(&sla.what, 300)),
            inline(from)
        );
        if sla.when.amount == 0 {
            let _ = writeln!(
                out,
                "3. Delay: the SLA sets no time yet. Agree it on the “SLAs between teams” step, then export again."
            );
        } else {
            let _ = writeln!(out, "3. Delay: {}.", inline(&delay(sla)));
        }
        let _ = writeln!(
            out,
            "4. If/then branch: the task of step 2 is not completed."
        );
        let _ = writeln!(
            out,
            "5. In the “yes” branch, send an internal notification{}.",
            escalation(session, sla)
        );
        let _ = writeln!(out, "\n{}\n", compliance(sla));
    }
}

fn teams_section(out: &mut String, setup: &Setup<'_>) {
    let session = setup.session;
    let _ = writeln!(out, "## 5. Teams\n");
    if session.teams.is_empty() {
        let _ = writeln!(out, "The session has no teams yet.\n");
        return;
    }
    let _ = writeln!(
        out,
        "In Settings › Users & Teams › Teams, create one team per team of the agreement, so that tasks and SLA reports can be given to a team. Add each person as a user first:\n"
    );
    for team in &session.teams {
        let people: Vec<String> = session
            .participants
            .iter()
            .filter(|p| p.team == Some(team.id))
            .map(|p| inline(&names::label(&p.name, 100)))
            .filter(|p| !p.is_empty())
            .collect();
        let people = if people.is_empty() {
            "nobody from the workshop yet".to_owned()
        } else {
            people.join(", ")
        };
        let _ = writeln!(out, "- **{}**: {people}", name(&team.name));
    }
    let _ = writeln!(out);
}
