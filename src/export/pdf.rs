//! The agreement as a PDF, typeset in-process by Typst: headings, tables that break across
//! pages, page numbers, A4 or US Letter. The layout lives in `assets/templates/agreement.typ`;
//! the content goes in as JSON, so user text is always set as text, never read as markup. Fonts
//! are compiled in (Inter from `assets/fonts`, Typst's own for fallback), so the document looks
//! the same on every machine and nothing is read from the system.

use jiff::civil::Date;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};

use super::view;
use crate::model::Session;

/// The page's size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Self; 2] = [Self::A4, Self::Letter];

    /// As the paper is sold: "A4", "US Letter".
    pub fn label(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "US Letter",
        }
    }

    fn typst_name(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::Letter => "us-letter",
        }
    }
}

const TEMPLATE: &str = include_str!("../../assets/templates/agreement.typ");
const INTER: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
const INTER_SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");

/// Everything Typst may read: the template, the content, the fonts. Nothing else exists.
struct Sandbox {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Date,
}

fn file_id(path: &str) -> FileId {
    // The paths are this module's own constants, so they are always valid.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("{path} is a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            i32::from(self.today.year()),
            self.today.month() as u8,
            self.today.day() as u8,
        )
    }
}

/// Why the PDF could not be made: the template's own errors, which would be a bug.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfError(String);

fn describe(diagnostics: &[SourceDiagnostic]) -> PdfError {
    let messages: Vec<String> = diagnostics.iter().map(|d| d.message.to_string()).collect();
    PdfError(messages.join("; "))
}

/// The PDF's bytes. `now` becomes its creation date, the one value that changes between
/// exports of the same session.
pub fn pdf(
    session: &Session,
    paper: Paper,
    today: Date,
    now: jiff::Timestamp,
    since: Option<&super::since::Since>,
) -> Result<Vec<u8>, PdfError> {
    let agreement = view::agreement(session, today, since);
    let data = serde_json::to_vec(&agreement).map_err(|e| PdfError(e.to_string()))?;
    let fonts: Vec<Font> = [INTER, INTER_SEMIBOLD]
        .into_iter()
        .chain(typst_assets::fonts())
        .flat_map(|bytes| Font::iter(Bytes::new(bytes)))
        .collect();
    let main_source = format!("#let paper = \"{}\"\n{TEMPLATE}", paper.typst_name());
    let sandbox = Sandbox {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: Source::new(file_id("/main.typ"), main_source),
        data_id: file_id("/agreement.json"),
        data: Bytes::new(data),
        today,
    };
    let document = typst::compile::<typst_layout::PagedDocument>(&sandbox)
        .output
        .map_err(|errors| describe(&errors))?;
    let created = now.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let timestamp = Datetime::from_ymd_hms(
        i32::from(created.year()),
        created.month() as u8,
        created.day() as u8,
        created.hour() as u8,
        created.minute() as u8,
        created.second() as u8,
    )
    .map(typst_pdf::Timestamp::new_utc);
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("accord:{}", session.meta.title.trim())),
        timestamp,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| describe(&errors))
}
