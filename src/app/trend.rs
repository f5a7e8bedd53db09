//! The trend view's reviews: the open one, the reviews it was started from as far back as
//! their files are found, and any the facilitator adds. The window's side of `accord trend`,
//! with the same code.

use std::path::{Path, PathBuf};

use crate::analysis::trend::{Trend, TrendError, trend};
use crate::model::Session;
use crate::storage;

/// How far back the chain of previous reviews is followed: three years of quarters.
pub const MAX_REVIEWS: usize = 12;

/// A review in the trend and where it came from.
#[derive(Clone, Debug)]
pub struct Review {
    /// Its file; none for the open review before it is first saved.
    pub path: Option<PathBuf>,
    /// How the view names it: its file name, or "this review".
    pub name: String,
    pub session: Session,
}

/// What the trend view shows.
#[derive(Clone, Debug)]
pub struct TrendView {
    /// The open review first, then earlier ones.
    pub reviews: Vec<Review>,
    /// Files that were named or chosen but could not be put in, and why.
    pub problems: Vec<String>,
    pub trend: Result<Trend, TrendError>,
}

impl TrendView {
    /// The open review and those it was started from, followed back through each one's
    /// `previous` file in the folder of the review that names it
    /// ([`storage::previous_review`]).
    pub fn gather(open: &Session, path: Option<&Path>) -> Self {
        let mut view = Self {
            reviews: vec![Review {
                path: path.map(Path::to_path_buf),
                name: "this review".to_owned(),
                session: open.clone(),
            }],
            problems: Vec::new(),
            trend: Err(TrendError::TooFew(1)),
        };
        let Some(path) = path else {
            if let Some(named) = &open.previous {
                view.problems.push(format!(
                    "Save this review to find {}, the review it was started from.",
                    named.file
                ));
            }
            return view;
        };
        let mut current = (path.to_path_buf(), open.clone());
        while view.reviews.len() < MAX_REVIEWS {
            let (file, loaded) = match storage::previous_review(&current.1, &current.0) {
                Some(found) => found,
                None => break,
            };
            if view.holds(&file) {
                break;
            }
            match loaded {
                Ok(earlier) => {
                    view.push(file.clone(), earlier.clone());
                    current = (file, earlier);
                }
                Err(error) => {
                    view.problems.push(format!(
                        "{} could not be read: {}",
                        file.display(),
                        super::chain(error)
                    ));
                    break;
                }
            }
        }
        view.refresh();
        view
    }

    /// Adds the reviews in `paths`; a file already in the view, or one that does not load, is
    /// said instead.
    pub fn add(&mut self, paths: &[PathBuf]) {
        for path in paths {
            if self.holds(path) {
                self.problems
                    .push(format!("{} is in the trend already.", path.display()));
                continue;
            }
            if self.reviews.len() >= MAX_REVIEWS {
                self.problems.push(format!(
                    "{} was left out: the trend shows at most {MAX_REVIEWS} reviews.",
                    path.display()
                ));
                continue;
            }
            match storage::load(path) {
                Ok(session) => self.push(path.clone(), session),
                Err(error) => self.problems.push(format!(
                    "{} could not be read: {}",
                    path.display(),
                    super::chain(error)
                )),
            }
        }
        self.refresh();
    }

    fn push(&mut self, path: PathBuf, session: Session) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.reviews.push(Review {
            path: Some(path),
            name,
            session,
        });
    }

    /// True when a review in the view was read from `path`.
    fn holds(&self, path: &Path) -> bool {
        let same = |a: &Path| match (a.canonicalize(), path.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == path,
        };
        self.reviews
            .iter()
            .any(|r| r.path.as_deref().is_some_and(same))
    }

    fn refresh(&mut self) {
        let reviews: Vec<(String, &Session)> = self
            .reviews
            .iter()
            .map(|r| (r.name.clone(), &r.session))
            .collect();
        self.trend = trend(&reviews);
    }
}
