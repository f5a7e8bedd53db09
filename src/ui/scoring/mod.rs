//! The lead-scoring sandbox: the rules and their points, the MQL threshold, Sales' capacity, and
//! what they do to a real leads export, live.

mod leads;

use egui::{DragValue, RichText, TextEdit, Ui};

use crate::analysis::scoring::{Hits, capacity_per_month, follow_up_window};
use crate::app::leads::{Phase, ScoredLeads};
use crate::app::{App, Command, EditCommand};
use crate::model::{Behaviour, Condition, CriterionId, Icp, ScoringRule, Session};
use crate::ui::widgets::{self, card, form_row, section, strong_text};

pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    let scored = match &mut app.doc.work.leads.phase {
        Phase::Scored(scored) => {
            scored.refresh(&app.doc.session);
            Some(&**scored)
        }
        _ => None,
    };
    rules_ui(ui, &mut app.doc.session, scored, &mut commands);
    capacity_ui(ui, &mut app.doc.session);
    // The figures below reflect this frame's edits; the strip above catches up next frame.
    if let Phase::Scored(scored) = &mut app.doc.work.leads.phase
        && scored.refresh(&app.doc.session)
    {
        ui.ctx().request_repaint();
    }
    leads::ui(app, ui, &mut commands);
    for command in commands {
        app.queue(command);
    }
}

/// The widest the points field grows: scores are rarely more than three digits.
const POINTS_WIDTH: f32 = 64.0;
/// The width of the "1,234 leads" column.
const HITS_WIDTH: f32 = 90.0;
/// Room kept for the remove button at the end of a rule's row.
const REMOVE_WIDTH: f32 = 30.0;

fn rules_ui(
    ui: &mut Ui,
    session: &mut Session,
    scored: Option<&ScoredLeads>,
    commands: &mut Vec<Command>,
) {
    let hits = scored.map(|s| s.scored.hits.as_slice());
    section(
        ui,
        "Rules and threshold",
        "Points for who a lead is and what they did, points off for what disqualifies them. A lead at or above the threshold is an MQL.",
    );
    let Session { scoring, icp, .. } = session;
    card(ui, |ui| {
        form_row(ui, "MQL threshold", |ui, label| {
            ui.add(
                DragValue::new(&mut scoring.threshold)
                    .range(crate::model::bounds::THRESHOLD)
                    .suffix(" points"),
            )
            .labelled_by(label)
        });
        // While tuning, the outcome stays in sight next to the knobs.
        if let Some(scored) = scored {
            ui.label(strong_text(live_summary(scored, scoring.threshold), 16.0))
                .on_hover_text("Details below, under “What it does to real leads”");
        }
        ui.add_space(10.0);
        // Projector text on a small screen leaves room for narrower list fields only.
        let field_width = if ui.available_width() < 640.0 {
            150.0
        } else {
            300.0
        };
        if scoring.rules.is_empty() {
            ui.label(RichText::new("No rules yet: add the first below.").weak());
        }
        // Rows of fixed-width cells rather than a grid: the condition cell wraps within what
        // is left, so the list fits at any text size and does not jump as counts change.
        for (index, rule) in scoring.rules.iter_mut().enumerate() {
            let hits = hits.and_then(|h| h.get(index));
            // Besides the session, a row shows how many of the imported leads it matches.
            let matched = hits.map(|hits| {
                hits.as_ref()
                    .ok()
                    .map(|hits| hits.iter().filter(|h| **h).count())
            });
            widgets::still(ui, (index, matched), |ui| {
                ui.horizontal(|ui| rule_row(ui, rule, icp, hits, field_width, commands));
            });
            // Outside the row: a space at a row's end would count in its size, and the list
            // would add its own spacing after it as well.
            ui.add_space(2.0);
        }
        ui.add_space(8.0);
        add_rule_ui(ui, icp, commands);
    });
}

fn rule_row(
    ui: &mut Ui,
    rule: &mut ScoringRule,
    icp: &Icp,
    hits: Option<&Hits>,
    field_width: f32,
    commands: &mut Vec<Command>,
) {
    let name = rule.condition.describe();
    let sign = if rule.points > 0 { "+" } else { "" };
    ui.add(
        DragValue::new(&mut rule.points)
            .range(crate::model::bounds::POINTS)
            .prefix(sign)
            .min_size(egui::vec2(POINTS_WIDTH, ui.spacing().interact_size.y)),
    )
    .accessible_name(format!("Points for {name}"));
    let height = ui.spacing().interact_size.y;
    let spacing = ui.spacing().item_spacing.x;
    // Three gaps follow the points: before the condition, the count and the button.
    let condition_width = ui.available_width() - HITS_WIDTH - REMOVE_WIDTH - 3.0 * spacing;
    let layout = egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
    ui.allocate_ui_with_layout(egui::vec2(condition_width, height), layout, |ui| {
        ui.set_width(condition_width);
        condition_ui(ui, rule, icp, field_width);
    });
    match hits {
        None => widgets::label_in(ui, HITS_WIDTH, "", egui::Align::Center),
        Some(Ok(hits)) => {
            let count = hits.iter().filter(|h| **h).count();
            let text = RichText::new(format!("{} leads", group_digits(count as u64))).weak();
            widgets::label_in(ui, HITS_WIDTH, text, egui::Align::Center)
        }
        Some(Err(why)) => {
            let text = RichText::new("not checked").color(ui.visuals().warn_fg_color);
            widgets::label_in(ui, HITS_WIDTH, text, egui::Align::Center)
                .on_hover_text(format!("This file cannot answer it: {why}."))
        }
    };
    let remove = ui
        .add(egui::Button::new("×").min_size(egui::vec2(REMOVE_WIDTH, height)))
        .accessible_name(format!("Remove rule {name}"));
    if remove.clicked() {
        commands.push(Command::Edit(EditCommand::RemoveRule(rule.id)));
    }
}

/// A condition's words, with fields for the parts the room can change.
fn condition_ui(ui: &mut Ui, rule: &mut ScoringRule, icp: &Icp, width: f32) {
    let id = rule.id;
    match &mut rule.condition {
        Condition::TitleContains(words) => {
            ui.label("Title contains");
            list_field(
                ui,
                ("title", id),
                words,
                "VP, Head, Director",
                "Title words",
                width,
            );
        }
        Condition::CompanySizeBetween { min, max } => {
            ui.label("Company has");
            ui.add(
                DragValue::new(min)
                    .range(*crate::model::bounds::COMPANY_SIZE.start()..=*max)
                    .speed(5),
            )
            .accessible_name("Smallest company size");
            ui.label("to");
            ui.add(
                DragValue::new(max)
                    .range(*min..=*crate::model::bounds::COMPANY_SIZE.end())
                    .speed(5),
            )
            .accessible_name("Largest company size");
            ui.label("employees");
        }
        Condition::IndustryIn(industries) => {
            ui.label("Industry is");
            list_field(
                ui,
                ("industry", id),
                industries,
                "Software, Fintech",
                "Industries",
                width,
            );
        }
        Condition::CountryIn(countries) => {
            ui.label("Country is");
            list_field(
                ui,
                ("country", id),
                countries,
                "Germany, FR, USA",
                "Countries",
                width,
            );
        }
        Condition::CompetitorDomain(domains) => {
            ui.label("Email from");
            list_field(
                ui,
                ("rival", id),
                domains,
                "rival.com, other.io",
                "Competitor domains",
                width,
            );
        }
        Condition::MatchesIcpCriterion(criterion) => {
            ui.label("Fits the ICP on");
            icp_picker(ui, id, criterion, icp, width);
        }
        condition @ (Condition::Did(_)
        | Condition::Student
        | Condition::FreeMailAddress
        | Condition::InvalidPhone) => {
            ui.label(condition.describe());
        }
    }
}

/// A comma-separated list in one field.
fn list_field(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    list: &mut Vec<String>,
    hint: &str,
    name: &str,
    width: f32,
) {
    let mut text = list.join(", ");
    let edit = ui.add(
        TextEdit::singleline(&mut text)
            .id_salt(id_salt)
            .hint_text(hint)
            .desired_width(width),
    );
    if edit.accessible_name(name).changed() {
        // Keep what is typed as typed, so "VP, " does not lose its comma mid-word.
        *list = text.split(',').map(|v| v.trim_start().to_owned()).collect();
    }
}

fn criterion_text(icp: &Icp, id: CriterionId) -> String {
    icp.criteria.iter().find(|c| c.id == id).map_or_else(
        || "a removed criterion".to_owned(),
        |c| format!("{}: {}", c.attribute.trim(), c.values.join(", ")),
    )
}

fn icp_picker(
    ui: &mut Ui,
    rule: crate::model::RuleId,
    criterion: &mut CriterionId,
    icp: &Icp,
    width: f32,
) {
    egui::ComboBox::from_id_salt(("icp-criterion", rule))
        .selected_text(criterion_text(icp, *criterion))
        .width(width)
        .show_ui(ui, |ui| {
            for c in &icp.criteria {
                ui.selectable_value(criterion, c.id, criterion_text(icp, c.id));
            }
        })
        .response
        .accessible_name("ICP criterion");
}

/// The menu of conditions a rule can start from.
fn add_rule_ui(ui: &mut Ui, icp: &Icp, commands: &mut Vec<Command>) {
    ui.menu_button("Add rule", |ui| {
        let mut add = |ui: &mut Ui, condition: Condition| {
            if ui.button(condition.describe()).clicked() {
                commands.push(Command::Edit(EditCommand::AddRule(condition)));
            }
        };
        ui.label(RichText::new("Who they are").weak());
        add(ui, Condition::TitleContains(Vec::new()));
        add(ui, Condition::CompanySizeBetween { min: 50, max: 1000 });
        add(ui, Condition::IndustryIn(Vec::new()));
        add(ui, Condition::CountryIn(Vec::new()));
        if let Some(first) = icp.criteria.first() {
            add(ui, Condition::MatchesIcpCriterion(first.id));
        }
        ui.separator();
        ui.label(RichText::new("What they did").weak());
        for behaviour in [
            Behaviour::RequestedDemo,
            Behaviour::VisitedPricingPage,
            Behaviour::AttendedWebinar,
            Behaviour::DownloadedContent,
            Behaviour::EngagedWithEmail,
        ] {
            add(ui, Condition::Did(behaviour));
        }
        ui.separator();
        ui.label(RichText::new("What takes points off").weak());
        add(ui, Condition::CompetitorDomain(Vec::new()));
        add(ui, Condition::Student);
        add(ui, Condition::FreeMailAddress);
        add(ui, Condition::InvalidPhone);
    });
}

fn capacity_ui(ui: &mut Ui, session: &mut Session) {
    let window = follow_up_window(session);
    section(
        ui,
        "What Sales can follow up",
        "Every MQL needs a follow-up within the response-time SLA. This is how many Sales can make.",
    );
    let capacity = &mut session.scoring.capacity;
    card(ui, |ui| {
        form_row(ui, "SDRs", |ui, label| {
            ui.add(DragValue::new(&mut capacity.sdrs).range(crate::model::bounds::CAPACITY))
                .labelled_by(label)
        });
        form_row(ui, "Follow-ups a day", |ui, label| {
            ui.add(
                DragValue::new(&mut capacity.follow_ups_per_sdr_per_day)
                    .range(crate::model::bounds::CAPACITY),
            )
            .labelled_by(label)
            .on_hover_text("New MQLs one SDR can call within the SLA in a working day")
        });
        form_row(ui, "Working days a month", |ui, label| {
            ui.add(
                DragValue::new(&mut capacity.working_days_per_month)
                    .range(crate::model::bounds::WORKING_DAYS),
            )
            .labelled_by(label)
        });
        ui.add_space(6.0);
        let within = window.map_or_else(
            || "within the response-time SLA".to_owned(),
            |w| format!("within the {w} SLA"),
        );
        match capacity_per_month(capacity) {
            Some(per_month) => ui.label(strong_text(
                format!(
                    "Sales can follow up {} MQLs a month {within}.",
                    group_digits(per_month)
                ),
                17.0,
            )),
            None => ui.label(
                RichText::new("Give the number of SDRs and their follow-ups a day to compare.")
                    .weak(),
            ),
        };
    });
}

/// "905 MQLs of 6,000 leads · 91 a month", for the strip beside the threshold.
fn live_summary(scored: &ScoredLeads, threshold: i32) -> String {
    let mqls = group_digits(scored.scored.qualifying(threshold) as u64);
    let total = group_digits(scored.table.len as u64);
    match scored.scored.per_month(threshold) {
        Some(per_month) => format!("{mqls} MQLs of {total} leads · {per_month:.0} a month"),
        None => format!("{mqls} MQLs of {total} leads"),
    }
}

/// 12345 as "12,345".
pub fn group_digits(n: u64) -> String {
    crate::analysis::icp::format_number(n as f64)
}
