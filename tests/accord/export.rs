//! The documents a workshop hands out: reviewed Markdown snapshots of every template, user text
//! that cannot break them, and CSV tables safe to open in a spreadsheet.

use accord::export::{self, Format, Request};
use accord::model::{Definition, Session, Sla};
use accord::storage::templates::TEMPLATES;
use pulldown_cmark::{Event, Options, Parser, Tag};

fn request(format: Format) -> Request<'static> {
    Request {
        format,
        table: None,
        paper: Default::default(),
        today: jiff::civil::date(2026, 11, 23),
        now: jiff::Timestamp::UNIX_EPOCH,
        zone: &UTC,
        since: None,
    }
}

/// The exporting computer's zone in these tests.
static UTC: jiff::tz::TimeZone = jiff::tz::TimeZone::UTC;

fn markdown(session: &Session) -> String {
    let documents = export::documents(session, request(Format::Markdown)).unwrap();
    assert_eq!(documents.len(), 1);
    String::from_utf8(documents[0].bytes.clone()).unwrap()
}

#[test]
fn every_template_exports_the_reviewed_markdown() {
    for template in TEMPLATES {
        let session = template.session().unwrap();
        insta::assert_snapshot!(format!("markdown-{}", template.name), markdown(&session));
    }
}

#[test]
fn the_same_session_exports_the_same_bytes() {
    let session = TEMPLATES[0].session().unwrap();
    assert_eq!(markdown(&session), markdown(&session));
    let csv = |s: &Session| export::documents(s, request(Format::Csv)).unwrap();
    assert_eq!(csv(&session), csv(&session));
}

/// A session whose user text tries every trick: table pipes, raw HTML, links, headings, lists.
fn hostile() -> Session {
    let mut session = TEMPLATES[0].session().unwrap();
    session.meta.title = "# Pwned <img src=x onerror=alert(1)>".into();
    session.add_definition(Definition {
        term: "| Evil | term".into(),
        definition:
            "<script>alert('x')</script>\n# Not a heading\n- not a list\n[click](http://evil)\n#panic(\"typst\") = not a heading either"
                .into(),
        ..Definition::default()
    });
    let id = session.new_id();
    session.slas.push(Sla {
        id,
        name: "=HYPERLINK(\"http://evil\",\"x\")".into(),
        what: "a | b | c".into(),
        ..Sla::default()
    });
    session
}

#[test]
fn user_text_stays_text_in_markdown() {
    let text = markdown(&hostile());
    let mut headings = Vec::new();
    let mut in_heading = false;
    let mut heading = String::new();
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                // The only markup the export writes itself is a line break inside a cell.
                assert_eq!(html.as_ref(), "<br>", "raw HTML got through: {html}");
            }
            Event::Start(Tag::Link { dest_url, .. }) => panic!("a link got through: {dest_url}"),
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                in_heading = false;
                headings.push(heading.clone());
            }
            Event::Text(t) if in_heading => heading.push_str(&t),
            _ => {}
        }
    }
    assert_eq!(headings[0], "# Pwned <img src=x onerror=alert(1)>");
    assert!(
        headings.contains(&"| Evil | term".to_owned()),
        "{headings:?}"
    );
    assert!(!headings.contains(&"Not a heading".to_owned()));

    // Every row of the SLA table still has the header's number of cells.
    let sla_table: Vec<&str> = text
        .split("## SLAs between teams")
        .nth(1)
        .unwrap()
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let cells = |line: &str| line.replace("\\|", "").matches('|').count();
    assert!(sla_table.iter().all(|l| cells(l) == cells(sla_table[0])));
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let documents = export::documents(&hostile(), request(Format::Csv)).unwrap();
    assert_eq!(documents.len(), export::tables::NAMES.len());
    let slas = documents
        .iter()
        .find(|d| d.file_name == "slas.csv")
        .unwrap();
    let mut reader = csv::Reader::from_reader(slas.bytes.as_slice());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(names.last().unwrap(), "'=HYPERLINK(\"http://evil\",\"x\")");
}

#[test]
fn one_table_on_request_and_a_clear_error_for_an_unknown_one() {
    let session = TEMPLATES[0].session().unwrap();
    let one = Request {
        table: Some("stages"),
        ..request(Format::Csv)
    };
    let documents = export::documents(&session, one).unwrap();
    assert_eq!(documents.len(), 1);
    let text = String::from_utf8(documents[0].bytes.clone()).unwrap();
    assert!(
        text.starts_with("Stage,Definition,Entry criteria"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + session.stages.len());

    let unknown = Request {
        table: Some("nope"),
        ..request(Format::Csv)
    };
    let error = export::documents(&session, unknown).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the tables are: definitions, stages")
    );
}

#[test]
fn an_unfinished_session_says_what_is_not_agreed() {
    let session = TEMPLATES[0].session().unwrap();
    let text = markdown(&session);
    assert!(text.contains("## Readiness: 0 of 7 agreed"));
    assert!(text.contains("- [ ] Shared definitions agreed by every team"));
    assert!(text.contains("**Signatures:** Not adopted yet (0 of 6 teams)"));
}

fn sales_led() -> Session {
    accord::storage::templates::find("b2b-sales-led")
        .unwrap()
        .session()
        .unwrap()
}

/// The CSV of the one table called `name`.
fn csv_table(session: &Session, name: &str) -> String {
    let request = Request {
        table: Some(name),
        ..request(Format::Csv)
    };
    let documents = export::documents(session, request).unwrap();
    String::from_utf8(documents[0].bytes.clone()).unwrap()
}

#[test]
fn the_funnel_counted_is_in_the_documents_with_its_conversions() {
    let mut session = sales_led();
    session.funnel.period = "Q3 2026".into();
    // Lead, MQL, SQL and Opportunity counted; Won and Expanded not.
    for (stage, count) in session.stages.clone().iter().zip([1000, 300, 90, 45]) {
        session.funnel.counts.insert(stage.id, count);
    }
    assert_eq!(
        csv_table(&session, "funnel"),
        "Stage,Reached in Q3 2026,Share of the first stage,Converts to the next\r\n\
         Lead,1000,100%,30%\r\n\
         MQL,300,30%,30%\r\n\
         SQL,90,9.0%,50%\r\n\
         Opportunity,45,4.5%,\r\n\
         Won,,,\r\n\
         Expanded,,,\r\n"
    );
    assert!(
        markdown(&session).contains(
            "## Funnel\n\n| Stage | Reached in Q3 2026 | Share of the first stage | Converts to the next |"
        )
    );
    // Nothing counted: the section says so rather than listing empty stages.
    session.funnel.counts.clear();
    assert!(markdown(&session).contains("## Funnel\n\n_None yet._"));
}

#[test]
fn a_handoff_sla_between_other_teams_is_exported_as_to_check() {
    let mut session = sales_led();
    let sql = session.stages[2].id;
    assert!(session.move_stage(sql, -1));
    let csv = csv_table(&session, "stages");
    let mql = csv.lines().find(|l| l.starts_with("MQL,")).unwrap();
    assert!(
        mql.ends_with(
            "\"MQL follow-up (to check: MQL hands off from Marketing to Sales (AE), but MQL \
             follow-up is between Sales (SDR) and Marketing.)\""
        ),
        "{mql}"
    );
}

fn html(session: &Session) -> String {
    let documents = export::documents(session, request(Format::Html)).unwrap();
    String::from_utf8(documents[0].bytes.clone()).unwrap()
}

#[test]
fn every_template_exports_the_reviewed_html() {
    for template in TEMPLATES {
        let session = template.session().unwrap();
        insta::assert_snapshot!(format!("html-{}", template.name), html(&session));
    }
}

#[test]
fn the_html_page_is_self_contained_and_shows_user_text_as_text() {
    let page = html(&hostile());
    // A script typed into a definition is shown, escaped, never run.
    assert!(
        page.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script"));
    assert!(!page.contains("<img"));
    // Nothing is fetched from elsewhere: no links, sources or imports.
    for outside in ["src=\"", "href=\"", "@import", "url("] {
        assert!(!page.contains(outside), "{outside} in the page");
    }
    assert_eq!(html(&hostile()), page, "same session, same bytes");
}

#[test]
fn the_spreadsheet_reads_back_cell_by_cell_as_text() {
    use calamine::{Data, Reader, Xlsx};
    let session = hostile();
    let documents = export::documents(&session, request(Format::Xlsx)).unwrap();
    let bytes = documents[0].bytes.clone();
    assert_eq!(
        export::documents(&session, request(Format::Xlsx)).unwrap()[0].bytes,
        bytes,
        "same session and time, same bytes"
    );
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let tables = export::tables::tables(&session);
    assert_eq!(
        book.sheet_names(),
        tables.iter().map(|t| t.title).collect::<Vec<_>>()
    );
    for table in &tables {
        let range = book.worksheet_range(table.title).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, table.headers, "{}", table.title);
        for (row, cells) in table.rows.iter().enumerate() {
            for (col, cell) in cells.iter().enumerate() {
                let read = range.get((row + 1, col));
                match read {
                    Some(Data::String(text)) => assert_eq!(text, cell),
                    // An empty string is written as an empty cell.
                    None | Some(Data::Empty) => assert!(cell.is_empty(), "{cell}"),
                    other => panic!("{}:{row}:{col} is not text: {other:?}", table.title),
                }
            }
        }
        // Not one cell became a formula, the hostile "=HYPERLINK(…)" included.
        let formulas = book.worksheet_formula(table.title).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    }
}

#[test]
fn the_pdf_is_typeset_with_its_headings_and_user_text_as_text() {
    let session = hostile();
    let documents = export::documents(&session, request(Format::Pdf)).unwrap();
    let bytes = &documents[0].bytes;
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(
        &export::documents(&session, request(Format::Pdf)).unwrap()[0].bytes,
        bytes,
        "same session and time, same bytes"
    );
    let text = pdf_extract::extract_text_from_mem(bytes).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for heading in [
        "Readiness: 0 of 7 agreed",
        "Ideal customer profile",
        "Shared definitions",
        "Lead scoring",
        "Pipeline stages",
        "SLAs between teams",
        "Parking lot",
    ] {
        assert!(flat.contains(heading), "{heading} is missing from: {flat}");
    }
    // Each line of the checklist starts a line of its own, not run into the one before.
    let checks = [
        "ICP documented and agreed",
        "Shared definitions agreed by every team",
        "North-star metric chosen",
        "Each team's metrics tie to revenue",
    ];
    for line in text.lines() {
        let on_it = checks.iter().filter(|c| line.contains(*c)).count();
        assert!(on_it <= 1, "checklist lines run together: {line}");
    }
    for check in checks {
        assert!(
            text.lines()
                .any(|line| line.trim_start().starts_with(check)),
            "“{check}” does not start a line in:\n{text}"
        );
    }
    // Typst markup typed into a definition is printed as typed, not obeyed.
    assert!(flat.contains("# Not a heading"), "{flat}");
    assert!(flat.contains("<script>alert('x')</script>"), "{flat}");
    assert!(
        flat.contains("#panic(\"typst\") = not a heading either"),
        "{flat}"
    );
}

/// Each page's width and height in points, read from the PDF's page dictionaries.
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox[")
        .skip(1)
        .map(|rest| {
            let numbers: Vec<f64> = rest
                .split(']')
                .next()
                .unwrap()
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            (numbers[2], numbers[3])
        })
        .collect()
}

#[test]
fn the_pdf_breaks_its_tables_across_numbered_pages_on_the_paper_asked_for() {
    let session = accord::storage::load(&crate::workshop("b2b-sales-led")).unwrap();
    for (paper, (width, height)) in [
        (export::pdf::Paper::A4, (595.3, 841.9)),
        (export::pdf::Paper::Letter, (612.0, 792.0)),
    ] {
        let request = Request {
            paper,
            ..request(Format::Pdf)
        };
        let bytes = &export::documents(&session, request).unwrap()[0].bytes;
        let sizes = page_sizes(bytes);
        let pages = sizes.len();
        assert!(pages > 3, "{paper:?}: {pages} pages");
        let close = |a: f64, b: f64| (a - b).abs() < 0.1;
        let portrait = |&(w, h): &(f64, f64)| close(w, width) && close(h, height);
        let landscape = |&(w, h): &(f64, f64)| close(w, height) && close(h, width);
        assert!(
            sizes.iter().all(|s| portrait(s) || landscape(s)),
            "{paper:?}: {sizes:?}"
        );
        // The eleven-column tables (stages, SLAs) get landscape pages; the rest is portrait.
        assert!(sizes.iter().any(landscape), "{paper:?}: {sizes:?}");
        assert!(portrait(&sizes[0]), "{paper:?}: {sizes:?}");

        let text = pdf_extract::extract_text_from_mem(bytes).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for page in 1..=pages {
            assert!(
                flat.contains(&format!("{page} / {pages}")),
                "page {page}: {flat}"
            );
        }
        // A stage's hand-off, from the middle of the stages table, made it in whole.
        assert!(
            flat.contains("Budget, authority and timeline as confirmed"),
            "{flat}"
        );
    }
}

/// Text as compared across PDF pages: no spaces, line breaks or hyphens, which typesetting
/// adds and text extraction keeps.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '-' | '‐'))
        .collect()
}

#[test]
fn no_table_row_of_the_pdf_breaks_across_pages() {
    // The sales template's last stage once broke across pages 4 and 5, leaving page 5 with
    // the table's header and two words of the row: "…cides on the expansion".
    for template in TEMPLATES {
        let session = template.session().unwrap();
        for paper in [export::pdf::Paper::A4, export::pdf::Paper::Letter] {
            let request = Request {
                paper,
                ..request(Format::Pdf)
            };
            let bytes = &export::documents(&session, request).unwrap()[0].bytes;
            let pages: Vec<String> = pdf_extract::extract_text_from_mem_by_pages(bytes)
                .unwrap()
                .iter()
                .map(|page| squeezed(page))
                .collect();
            let mut rows = 0;
            // The definitions are laid out term by term, not as a table.
            let tables = export::tables::tables(&session);
            for table in tables.iter().filter(|t| t.name != "definitions") {
                for row in &table.rows {
                    // Cells long enough to be found on one page only.
                    let cells: Vec<String> = row
                        .iter()
                        .map(|cell| squeezed(cell))
                        .filter(|cell| cell.chars().count() >= 24)
                        .collect();
                    if cells.len() < 2 {
                        continue;
                    }
                    rows += 1;
                    let whole = pages
                        .iter()
                        .any(|page| cells.iter().all(|c| page.contains(c)));
                    assert!(
                        whole,
                        "{} ({paper:?}): a row of {} is split across pages: {row:?}",
                        template.name, table.name
                    );
                }
            }
            if template.name == "b2b-sales-led" {
                assert!(rows > 10, "{paper:?}: only {rows} rows were checked");
            }
        }
    }
}

#[test]
fn signatures_close_each_agreement_and_fill_their_own_table() {
    use accord::model::{Agreement, Position, Signer};
    let mut session = sales_led();
    let index = session
        .definitions
        .iter()
        .position(|d| d.is_term("MQL"))
        .unwrap();
    let mql = Agreement::Definition(session.definitions[index].id);
    let teams = session.signers_of(mql);
    let at = "2026-12-01T10:00:00Z".parse().unwrap();
    let dana = Signer::Person("Dana Scott".into());
    session
        .sign(mql, teams[0], Position::Endorse, dana, "", at)
        .unwrap();
    let why = "Volume first, quality later";
    session
        .sign(
            mql,
            teams[1],
            Position::AgreeWithReservations,
            Signer::Facilitator,
            why,
            at,
        )
        .unwrap();
    // The first team's signature is on a wording edited since.
    let mut edited = session.clone();
    edited.definitions[index]
        .definition
        .push_str(" Reviewed monthly.");
    let text = markdown(&edited);
    assert!(text.contains("| Team | Position | Who | When | Reason |"));
    assert!(
        text.contains("| Marketing | Endorses (signed an earlier wording) | Dana Scott | 2026-12-01 10:00 UTC |"),
        "{text}"
    );
    assert!(text.contains(why));

    let csv = csv_table(&edited, "signatures");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("Kind,Agreement,Team,Position,By,At,Reason,Current,SHA-256")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]
            .starts_with("Definition,MQL,Marketing,Endorses,Dana Scott,2026-12-01T10:00:00Z,,no,"),
        "{}",
        rows[0]
    );
    assert!(rows[1].contains(",Agrees with reservations,the facilitator on the team's behalf,"));
    // Undo the edit: the same signatures count again.
    let csv = csv_table(&session, "signatures");
    assert!(
        csv.lines().skip(1).all(|row| row.contains(",yes,")),
        "{csv}"
    );
}

#[test]
fn the_rooms_answers_and_tally_are_in_the_documents_once_revealed_and_not_before() {
    use accord::model::{Answer, Ballot, RoomAnswers, VoteItem, VoteTopic, Votes};
    let mut session = sales_led();
    let team = |name: &str| session.teams.iter().find(|t| t.name == name).unwrap().id;
    let (marketing, sales) = (team("Marketing"), team("Sales (SDR)"));
    let answered = |name: &str, team, answer| {
        RoomAnswers {
            name: name.to_owned(),
            team: Some(team),
            answers: [("written-lead-definition".to_owned(), answer)].into(),
            recognised: ["garbage-leads".to_owned()].into(),
        }
        .into()
    };
    session.audit.room = vec![
        answered("Dana Scott", marketing, Answer::Yes),
        answered("Ari Moss", marketing, Answer::Yes),
        answered("Sam Lee", sales, Answer::No),
    ];
    session.votes = Votes {
        on: Some(VoteTopic::ParkingLot),
        open: false,
        dots: 3,
        revealed: false,
        items: vec![
            VoteItem {
                key: "parking:1".into(),
                text: "Commission on renewals".into(),
            },
            VoteItem {
                key: "parking:2".into(),
                text: "Partner-sourced leads".into(),
            },
        ],
        ballots: vec![
            Ballot {
                name: "Dana Scott".into(),
                team: Some(marketing),
                dots: [("parking:2".to_owned(), 3)].into(),
            },
            Ballot {
                name: "Sam Lee".into(),
                team: Some(sales),
                dots: [("parking:1".to_owned(), 1), ("parking:2".to_owned(), 2)].into(),
            },
        ],
    }
    .into();

    // Private until the facilitator reveals them: no section, and empty tables.
    let hidden = markdown(&session);
    assert!(!hidden.contains("The room's audit answers"), "{hidden}");
    assert!(!hidden.contains("Dot-vote"));
    assert_eq!(csv_table(&session, "room_answers").lines().count(), 1);
    assert_eq!(csv_table(&session, "votes").lines().count(), 1);

    session.audit.revealed = true;
    session.votes.revealed = true;
    let shown = markdown(&session);
    assert!(shown.contains("## The room's audit answers"), "{shown}");
    assert!(
        shown.contains("| Question | Marketing | Sales (SDR) |"),
        "{shown}"
    );
    let question = accord::analysis::audit::QUESTIONS
        .iter()
        .find(|q| q.key == "written-lead-definition")
        .unwrap();
    assert!(
        shown.contains(&format!("| {} | 2 yes | 1 no |", question.topic)),
        "{shown}"
    );
    assert!(shown.contains("1 of 1 |"), "{shown}");
    assert!(shown.contains("## Dot-vote"));
    let votes = csv_table(&session, "votes");
    let rows: Vec<&str> = votes.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "the parking lot,Partner-sourced leads,5,2",
            "the parking lot,Commission on renewals,1,2"
        ],
        "most dots first"
    );
    let html = html(&session);
    assert!(html.contains("Partner-sourced leads"));
    assert!(
        html.contains("The room&#x27;s audit answers") || html.contains("The room's audit answers")
    );
}

#[test]
fn each_agreement_says_where_its_signatures_stand_once() {
    let session = sales_led();
    let page = html(&session);
    for definition in &session.definitions {
        let agreement = accord::model::Agreement::Definition(definition.id);
        let sentence = accord::analysis::standing::standing(&session, agreement);
        let start = page
            .find(&format!("<h3>{} <span", definition.term))
            .unwrap_or_else(|| panic!("{} has its heading", definition.term));
        let end = page[start + 1..]
            .find("<h3>")
            .map_or(page.len(), |end| start + 1 + end);
        let section = &page[start..end];
        assert_eq!(
            section.matches(sentence.as_str()).count(),
            1,
            "{}: “{sentence}” once, under Signatures",
            definition.term
        );
    }
}
