//! The alignment audit: which symptoms the room recognises, four honest questions, and the gaps.

use egui::{Button, RichText, Ui};

use super::widgets::{self, card, primary_button, section};
use crate::analysis::audit::{self, QUESTIONS, QuestionKind, SYMPTOMS};
use crate::app::{App, Command, UiCommand, WorkshopCommand};
use crate::model::{Answer, Audit, Shared};

/// The audit is written only on a click: a frame that changes nothing leaves it shared with
/// the undo history, and its answers and gaps are worked out once per revision.
pub fn ui(app: &mut App, ui: &mut Ui) {
    let mut commands = Vec::new();
    symptoms_ui(ui, &mut app.doc.session.audit);
    questions_ui(ui, &mut app.doc.session.audit);
    super::audit_room::ui(ui, app, &mut commands);
    gaps_ui(ui, app, &mut commands);
    for command in commands {
        app.queue(command);
    }
}

fn symptoms_ui(ui: &mut Ui, audit: &mut Shared<Audit>) {
    section(
        ui,
        "Which of these do you hear?",
        "Tick every complaint someone in the room recognises. Each one has a cause the workshop can remove.",
    );
    card(ui, |ui| {
        for symptom in SYMPTOMS {
            let mut recognised = audit.recognised.contains(symptom.key);
            let response =
                ui.checkbox(&mut recognised, RichText::new(symptom.complaint).size(17.0));
            if response.changed() {
                if recognised {
                    audit.recognised.insert(symptom.key.to_owned());
                } else {
                    audit.recognised.remove(symptom.key);
                }
            }
            if recognised {
                // Under the checkbox's text, wrapped: a row would keep the cause on one line
                // and widen the page past the room's panel at projector text.
                egui::Frame::new()
                    .inner_margin(egui::Margin {
                        left: 28,
                        ..egui::Margin::ZERO
                    })
                    .show(ui, |ui| {
                        ui.label(RichText::new(format!("Cause: {}", symptom.root_cause)).weak());
                    });
            }
            ui.add_space(2.0);
        }
    });
}

fn questions_ui(ui: &mut Ui, audit: &mut Shared<Audit>) {
    section(
        ui,
        "Four questions",
        "Answer for how things are today, not how they should be. “Don't know” counts as a gap.",
    );
    card(ui, |ui| {
        for question in QUESTIONS {
            ui.label(RichText::new(question.text).size(16.5));
            ui.horizontal(|ui| match question.kind {
                QuestionKind::YesNo => {
                    for (answer, text) in [
                        (Answer::Yes, "Yes"),
                        (Answer::No, "No"),
                        (Answer::DontKnow, "Don't know"),
                    ] {
                        answer_button(ui, audit, question.key, question.topic, answer, text);
                    }
                }
                QuestionKind::LastDate => last_sync_ui(ui, audit, question.topic),
            });
            ui.add_space(10.0);
        }
    });
}

/// One answer button; a second click on the chosen answer clears it.
fn answer_button(
    ui: &mut Ui,
    audit: &mut Shared<Audit>,
    key: &str,
    topic: &str,
    answer: Answer,
    text: &str,
) {
    let selected = audit.answers.get(key) == Some(&answer);
    let clicked = ui
        .add(
            Button::selectable(selected, text)
                .frame_when_inactive(true)
                .min_size(egui::vec2(96.0, 0.0)),
        )
        .accessible_name(format!("{topic}: {text}"))
        .clicked();
    if clicked {
        if selected {
            audit.answers.remove(key);
        } else {
            audit.answers.insert(key.to_owned(), answer);
        }
    }
}

fn last_sync_ui(ui: &mut Ui, audit: &mut Shared<Audit>, topic: &str) {
    let name = format!("{topic}: date");
    let mut date = audit.last_product_sales_sync;
    let picked = widgets::optional_date(ui, "last_sync", &mut date, &name, |_| {});
    if date != audit.last_product_sales_sync {
        let audit = &mut **audit;
        audit.last_product_sales_sync = date;
        if picked {
            // A date answers the question; it replaces "never" or "don't know".
            audit.answers.remove(audit::LAST_SYNC);
        }
    }
    if audit.last_product_sales_sync.is_none() {
        for (answer, text) in [(Answer::No, "Never"), (Answer::DontKnow, "Don't know")] {
            answer_button(ui, audit, audit::LAST_SYNC, topic, answer, text);
        }
    }
}

fn gaps_ui(ui: &mut Ui, app: &mut App, commands: &mut Vec<Command>) {
    let today = jiff::Zoned::now().date();
    let doc = &mut app.doc;
    let revision = doc.revision();
    let findings = doc.work.audit_findings.get((revision, today), || {
        audit::Findings::of(&doc.session, today)
    });
    section(
        ui,
        "What the audit shows",
        "Each gap points to the step of today's workshop that closes it.",
    );
    card(ui, |ui| {
        if findings.gaps.is_empty() {
            let text = if findings.answered == QUESTIONS.len() {
                "No gaps: the answers show a team that is already aligned."
            } else {
                "No gaps yet. They appear here as the room answers."
            };
            ui.label(RichText::new(text).weak());
        }
        for (gap, has_action) in &findings.gaps {
            ui.label(RichText::new(&gap.text).strong());
            ui.label(RichText::new(&gap.because).weak());
            // Wrapped: at projector text beside the room's panel the two buttons take two lines.
            ui.horizontal_wrapped(|ui| {
                let go = primary_button(ui, &format!("Go to {} →", gap.fixed_in.label()));
                if go.clicked() {
                    commands.push(Command::Ui(UiCommand::GoTo(gap.fixed_in)));
                }
                if *has_action {
                    ui.label(RichText::new("✓ Action added").weak());
                } else if ui
                    .button("Add as action")
                    .accessible_name(format!("Add as action: {}", gap.text))
                    .clicked()
                {
                    commands.push(Command::Workshop(WorkshopCommand::AddGapAction(gap.key)));
                }
            });
            ui.add_space(10.0);
        }
    });
}
