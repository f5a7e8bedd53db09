//! `checklist.md` for Salesforce: deploying the project, and what metadata cannot set (who gets
//! which lead, the SLA follow-ups), with the exact settings.

use std::fmt::Write as _;

use super::{DISQUALIFIED, ICP_FIT, MQL_RULE, SCORE, lead_statuses, value_label};
use crate::export::crm::{
    Outcome, Setup, checklist_head, compliance, escalation, names, sla_amount, sla_heading,
};
use crate::export::markdown::{cell, inline};
use crate::model::{Behaviour, Condition, Sla, TimeUnit};

/// The checklist, as Markdown.
pub fn checklist(setup: &Setup<'_>) -> String {
    let mut out = checklist_head(setup, "Salesforce");
    deploy_section(&mut out, setup);
    access_section(&mut out, setup);
    scoring_section(&mut out, setup);
    assignment_section(&mut out, setup);
    sla_section(&mut out, setup);
    out
}

fn deploy_section(out: &mut String, setup: &Setup<'_>) {
    let _ = writeln!(out, "## 1. Deploy the project\n");
    let _ = writeln!(
        out,
        "This folder is a Salesforce DX project. With the Salesforce CLI (`sf`), from inside it:\n"
    );
    let _ = writeln!(
        out,
        "1. `sf org login web --alias accord` and log in to the org (a sandbox first)."
    );
    let _ = writeln!(
        out,
        "2. Keep what the org has: `sf project retrieve start --metadata StandardValueSet:LeadStatus --metadata StandardValueSet:OpportunityStage --target-org accord --output-dir before-accord`."
    );
    let _ = writeln!(
        out,
        "3. Check it: `sf project deploy validate --manifest manifest/package.xml --target-org accord`."
    );
    let _ = writeln!(
        out,
        "4. Deploy it: `sf project deploy start --manifest manifest/package.xml --target-org accord`.\n"
    );
    let _ = writeln!(
        out,
        "The Lead Status and Opportunity Stage picklists become exactly the values below; a value the org had that is not listed is no longer offered, and records that hold it keep it.\n"
    );
    let statuses = lead_statuses(setup);
    if !statuses.is_empty() {
        let _ = writeln!(out, "| Lead status | Converted |");
        let _ = writeln!(out, "| --- | --- |");
        for (label, converted) in &statuses {
            let _ = writeln!(
                out,
                "| {} | {} |",
                cell(label),
                if *converted {
                    "yes: a converted lead gets it"
                } else {
                    "no"
                }
            );
        }
        let _ = writeln!(out);
    }
    if !setup.deal_stages.is_empty() {
        let _ = writeln!(
            out,
            "| Opportunity stage | Probability | Forecast category | Closed | Won |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
        for stage in &setup.deal_stages {
            let _ = writeln!(
                out,
                "| {} | {}% | {} | {} | {} |",
                cell(&value_label(&stage.name)),
                (stage.probability * 100.0).round() as i64,
                super::forecast_category(stage.outcome, stage.probability),
                if stage.outcome == Outcome::Open {
                    "no"
                } else {
                    "yes"
                },
                if stage.outcome == Outcome::Won {
                    "yes"
                } else {
                    "no"
                },
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{}\n", inline(&setup.deal_start));
        let _ = writeln!(
            out,
            "A probability comes from the funnel's counts where the session has them (won deals over deals that reached the stage), else it is evenly spaced between the first deal stage and won. Forecast category: Closed when won, Omitted when lost, Commit (Forecast) from 70%, Best Case from 40%, else Pipeline.\n"
        );
        for stage in &setup.after_won {
            let _ = writeln!(
                out,
                "“{}” comes after the sale, so it is no opportunity stage: record it as a new opportunity of type “Existing Customer - Upgrade”.\n",
                inline(&names::label(&stage.name, usize::MAX))
            );
        }
        let stages: Vec<String> = setup
            .deal_stages
            .iter()
            .map(|s| format!("“{}”", inline(&value_label(&s.name))))
            .collect();
        let _ = writeln!(
            out,
            "\nAfter deploying:\n\n1. In Setup › Sales Processes, edit the sales process each opportunity record type uses and select exactly these stages: {}.",
            stages.join(", ")
        );
    }
    if !statuses.is_empty() {
        let labels: Vec<String> = statuses
            .iter()
            .map(|(l, _)| format!("“{}”", inline(l)))
            .collect();
        let _ = writeln!(
            out,
            "{}. In Setup › Lead Processes, edit the lead process each lead record type uses and select exactly these statuses: {}.",
            if setup.deal_stages.is_empty() { 1 } else { 2 },
            labels.join(", ")
        );
    }
    let _ = writeln!(out);
}

fn access_section(out: &mut String, setup: &Setup<'_>) {
    let _ = writeln!(out, "## 2. Who sees the new fields\n");
    let mut fields = vec![
        format!("Accord lead score ({SCORE})"),
        format!("Accord ICP fit ({ICP_FIT})"),
    ];
    for check in &setup.checks {
        fields.push(format!(
            "{} ({}__c)",
            inline(&names::label(
                &format!(
                    "{}: {}",
                    names::label(&check.definition.term, 20),
                    check.text
                ),
                40
            )),
            check.salesforce
        ));
    }
    let _ = writeln!(
        out,
        "A deployed field is hidden until a profile or permission set grants it. In Setup › Object Manager › Lead › Fields & Relationships, for each field below choose Set Field-Level Security, make it visible to the marketing and sales profiles (read-only for Marketing on the verification points), then add it to the Lead page layout in a section “Accord agreement”:\n"
    );
    for field in fields {
        let _ = writeln!(out, "- {field}");
    }
    let _ = writeln!(out);
    if setup.mql.is_some() {
        let _ = writeln!(
            out,
            "The validation rule {MQL_RULE} refuses a lead at the {} status below the threshold or with an unticked verification point. It is active once deployed.\n",
            inline(&setup.mql.map(|s| value_label(&s.name)).unwrap_or_default())
        );
    }
}

fn salesforce_criterion(condition: &Condition) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("“{}”", names::label(i, 100)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match condition {
        Condition::TitleContains(words) => format!("Title contains any of {}", list(words)),
        Condition::CompanySizeBetween { min, max } => {
            format!("NumberOfEmployees ≥ {min} and ≤ {max}")
        }
        Condition::IndustryIn(industries) => format!("Industry is any of {}", list(industries)),
        Condition::CountryIn(countries) => format!("Country is any of {}", list(countries)),
        Condition::MatchesIcpCriterion(_) => format!("{ICP_FIT} equals “Fits the ICP”"),
        Condition::Did(behaviour) => format!(
            "your marketing automation's field for “{}” is true",
            match behaviour {
                Behaviour::VisitedPricingPage => "visited the pricing page",
                Behaviour::DownloadedContent => "downloaded content",
                Behaviour::AttendedWebinar => "attended a webinar",
                Behaviour::RequestedDemo => "requested a demo",
                Behaviour::EngagedWithEmail => "engaged with email",
            }
        ),
        Condition::CompetitorDomain(domains) if domains.is_empty() => {
            "Email ends with any of your competitors' domains (the session lists none: add them)"
                .to_owned()
        }
        Condition::CompetitorDomain(domains) => {
            format!("Email ends with any of {}", list(domains))
        }
        Condition::Student => "Title contains “student”".to_owned(),
        Condition::FreeMailAddress => format!(
            "Email ends with any of the {} free-mail domains: {}",
            crate::analysis::scoring::free_mail_list().len(),
            crate::analysis::scoring::free_mail_list().join(", ")
        ),
        Condition::InvalidPhone => "Phone is blank or fails your phone check".to_owned(),
    }
}

fn scoring_section(out: &mut String, setup: &Setup<'_>) {
    let scoring = &setup.session.scoring;
    let _ = writeln!(out, "## 3. The lead score\n");
    if scoring.rules.is_empty() {
        let _ = writeln!(
            out,
            "The session has no scoring rules yet: agree them on the “Lead scoring” step first.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "Salesforce has no scoring of its own. In Setup › Flows, create a record-triggered flow “Accord lead score” on Lead, run when a record is created or updated, optimised for Fast Field Updates (before save). Start with an Assignment that sets {SCORE} to 0, then one Decision and Assignment per rule, adding the points when the condition holds:\n"
    );
    let _ = writeln!(out, "| Agreed rule | Condition in the flow | Points |");
    let _ = writeln!(out, "| --- | --- | --- |");
    for rule in &scoring.rules {
        let _ = writeln!(
            out,
            "| {} | {} | {:+} |",
            cell(&rule.condition.describe()),
            cell(&salesforce_criterion(&rule.condition)),
            rule.points
        );
    }
    match setup.mql {
        Some(mql) => {
            let _ = writeln!(
                out,
                "\nA lead at or above {} points may take the {} status; the validation rule {MQL_RULE} holds it to that.\n",
                scoring.threshold,
                inline(&value_label(&mql.name))
            );
        }
        None => {
            let _ = writeln!(
                out,
                "\nNo lead status is tied to the threshold of {} points: no lead stage is called MQL or enters on the score, so the score is kept on the lead and no validation rule is written. Name that stage on the “Pipeline & ownership” step to tie them.\n",
                scoring.threshold
            );
        }
    }
}

fn assignment_section(out: &mut String, setup: &Setup<'_>) {
    let session = setup.session;
    let _ = writeln!(out, "## 4. Who gets each lead\n");
    let _ = writeln!(
        out,
        "Assignment rules name real users or queues, which only your org has. In Setup › Queues, create one queue per team that receives leads, with the team's people as members; then in Setup › Lead Assignment Rules, create the rule “Accord”, mark it active, and add one entry per hand-off below:\n"
    );
    let mut any = false;
    for (index, stage) in setup.lead_stages.iter().enumerate() {
        let Some(team) = stage.handoff.to_team else {
            continue;
        };
        let next = setup
            .lead_stages
            .get(index + 1)
            .map(|s| value_label(&s.name))
            .unwrap_or_else(|| "a deal".to_owned());
        any = true;
        let mut line = format!(
            "- Lead Status equals “{}” → the queue “{}” (it hands over to {})",
            inline(&value_label(&stage.name)),
            inline(&names::label(session.team_name(Some(team)), 80)),
            inline(&next)
        );
        if !stage.handoff.responsible.trim().is_empty() {
            line.push_str(&format!(
                "; {} passes it on",
                inline(stage.handoff.responsible.trim())
            ));
        }
        let _ = writeln!(out, "{line}");
    }
    if !any {
        let _ = writeln!(
            out,
            "- No lead stage hands over to another team in the session: one entry, Lead Status equals the first status, to the queue of the team that owns it."
        );
    }
    let _ = writeln!(
        out,
        "\nA lead that leaves before a deal gets the status “{DISQUALIFIED}”, with the reason in the Description.\n"
    );
}

fn sla_section(out: &mut String, setup: &Setup<'_>) {
    let session = setup.session;
    let _ = writeln!(out, "## 5. SLA follow-ups\n");
    if session.slas.is_empty() {
        let _ = writeln!(out, "The session has no SLAs yet.\n");
        return;
    }
    for (index, sla) in session.slas.iter().enumerate() {
        let (heading, title) = sla_heading(session, sla, &format!("5.{}", index + 1));
        let _ = writeln!(out, "{heading}");
        let from = session.team_name(sla.from_team);
        if sla.when.unit == TimeUnit::PerMonth {
            let _ = writeln!(
                out,
                "A volume, not a deadline: no flow. Create a report of leads created this month for the {} team, with a dashboard component whose target is {} a month.\n\n{}\n",
                inline(from),
                sla_amount(sla),
                compliance(sla)
            );
            continue;
        }
        flow(out, setup, sla, &title);
    }
}

fn flow(out: &mut String, setup: &Setup<'_>, sla: &Sla, title: &str) {
    let session = setup.session;
    let stage = session
        .stages
        .iter()
        .find(|s| s.handoff.sla == Some(sla.id));
    let (object, condition) = match stage {
        Some(stage) if setup.deal_stage(stage.id).is_some() => (
            "Opportunity",
            format!("StageName equals “{}”", inline(&value_label(&stage.name))),
        ),
        Some(stage) if setup.lead_stages.iter().any(|s| s.id == stage.id) => (
            "Lead",
            format!("Status equals “{}”", inline(&value_label(&stage.name))),
        ),
        Some(stage) => (
            "Opportunity",
            format!(
                "the opportunity after “{}” (the SLA follows the sale)",
                inline(&value_label(&stage.name))
            ),
        ),
        None => (
            "Lead",
            format!(
                "the field that records “{}” (the SLA is on no stage's hand-off)",
                inline(sla.when.clock_starts.trim())
            ),
        ),
    };
    let amount = sla.when.amount;
    let (offset, unit) = match sla.when.unit {
        TimeUnit::Minutes => (amount, "Minutes"),
        TimeUnit::Hours | TimeUnit::BusinessHours => (amount, "Hours"),
        TimeUnit::Days | TimeUnit::BusinessDays => (amount, "Days"),
        TimeUnit::PerMonth => (amount, "Months"),
    };
    let _ = writeln!(
        out,
        "In Setup › Flows, create a record-triggered flow “Accord: {}”:\n",
        inline(title)
    );
    let _ = writeln!(
        out,
        "1. Object: {object}. Trigger: a record is created or updated."
    );
    let _ = writeln!(
        out,
        "2. Entry condition: {condition}; “Only when a record is updated to meet the condition requirements”. Optimise for Actions and Related Records."
    );
    let _ = writeln!(
        out,
        "3. Immediate path: Create Records › Task, Subject “{}: {}”, assigned to the record's owner ({} team), due today.",
        inline(title),
        inline(&names::label(&sla.what, 200)),
        inline(session.team_name(sla.from_team))
    );
    if amount == 0 {
        let _ = writeln!(
            out,
            "4. Scheduled path: the SLA sets no time yet. Agree it on the “SLAs between teams” step, then export again."
        );
    } else {
        let _ = writeln!(
            out,
            "4. Scheduled path “{}”: time source {}.LastModifiedDate, offset {offset} {unit} after.",
            names::slug(title, 40),
            object
        );
    }
    if sla.when.unit.uses_business_hours() && amount > 0 {
        let _ = writeln!(
            out,
            "   Scheduled paths count calendar time, and this SLA counts only {}{}. The offset is exact when the wait falls inside one working day; when it spans closed hours (a night, a weekend, a holiday), the reminder comes that much early.",
            sla.business_hours.describe(),
            match sla.time_zone.trim() {
                "" => " (UTC)".to_owned(),
                zone => format!(" ({})", inline(zone)),
            },
        );
    }
    let _ = writeln!(
        out,
        "5. In the scheduled path, a Decision: the Task of step 3 is not completed (Get Records on Task, WhatId or WhoId the record, Status not equal “Completed”)."
    );
    let _ = writeln!(
        out,
        "6. If so, Send Custom Notification{}.",
        escalation(session, sla)
    );
    let _ = writeln!(out, "\n{}\n", compliance(sla));
}
