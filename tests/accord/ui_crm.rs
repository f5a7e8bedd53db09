//! "Set up the CRM…" on the checklist step, as a facilitator uses it: the preview of each CRM,
//! then the folder, written by the same code as `accord export --format hubspot|salesforce`.

use accord::app::{FileCommand, UiCommand};
use accord::model::Step;
use egui_kittest::kittest::Queryable as _;

use super::ui::{app, scroll_until_shown, start_sales_led};

#[test]
fn the_crm_preview_shows_what_each_crm_gets_and_writes_the_same_folder_as_the_cli() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    harness.state_mut().queue(UiCommand::GoTo(Step::Checklist));
    harness.run();
    scroll_until_shown(&mut harness, "Set up the CRM…");
    harness.get_by_label("Set up the CRM…").click();
    harness.run();

    // HubSpot first: what the calls create, what is left by hand, and that nothing is signed.
    harness.get_by_label_contains("Not adopted yet: 16 agreements wait for signatures.");
    harness.get_by_label(
        "Deal pipeline “Revenue pipeline (Accord)”: Opportunity (50%), Won, Closed lost",
    );
    harness.get_by_label("Lead statuses: Lead, MQL, SQL, Disqualified");
    harness.get_by_label("Checkbox “MQL: Phone number is valid”");
    harness.get_by_label("Lifecycle stages");
    harness.get_by_label("One workflow per SLA");
    assert!(
        harness.query_by_label("Apply the plan").is_none(),
        "running the tool is not left to a person"
    );

    harness.get_by_label("Set up Salesforce").click();
    harness.run();
    harness.get_by_label("Validation rule: a lead is MQL only at 50 points or more");
    harness.get_by_label("Opportunity stages: Opportunity (50%), Won, Closed lost");
    harness.get_by_label("Who gets each lead");
    harness.get_by_label("Write the Salesforce project…");

    // The folder dialog is the system's; what follows it is this command.
    let folder = data.path().join("salesforce");
    harness.state_mut().queue(FileCommand::Export(
        accord::export::Format::Salesforce,
        folder.clone(),
    ));
    harness.run();
    harness.get_by_label_contains("files saved in");
    let session_file = data.path().join("session.ron");
    harness
        .state_mut()
        .queue(FileCommand::SaveAs(session_file.clone()));
    harness.run();
    let by_cli = data.path().join("by-cli");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("export")
        .arg(&session_file)
        .args(["--format", "salesforce", "--output"])
        .arg(&by_cli)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    for file in [
        "manifest/package.xml",
        "checklist.md",
        "force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml",
    ] {
        assert_eq!(
            std::fs::read(folder.join(file)).unwrap(),
            std::fs::read(by_cli.join(file)).unwrap(),
            "{file}: the window and the CLI agree"
        );
    }
}

#[test]
fn a_pipeline_a_crm_cannot_hold_is_explained_and_offers_no_folder() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app(data.path(), None);
    start_sales_led(&mut harness);
    let stages = &mut harness.state_mut().doc.session.stages;
    stages[2].name = "MQL".to_owned();
    harness.state_mut().queue(UiCommand::SetUpCrm);
    harness.run();
    harness.get_by_label_contains("HubSpot cannot be set up yet: two stages are called “MQL”");
    assert!(
        harness
            .query_by_label("Write the HubSpot folder…")
            .is_none(),
        "no folder to write"
    );
}
