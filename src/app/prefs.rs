//! Preferences of the person at the laptop, kept in eframe's storage. Never the session itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many files "Open recent" remembers.
const RECENT_FILES: usize = 8;

/// The key under which eframe stores the preferences.
pub const STORAGE_KEY: &str = "accord-preferences";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    pub text_size: TextSize,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// The session open when the app last closed, restored at start.
    pub last_session: Option<PathBuf>,
    /// Where the file dialogs start.
    pub last_folder: Option<PathBuf>,
    /// The page size of exported PDFs: A4 in most of the world, US Letter in North America.
    pub paper: crate::export::pdf::Paper,
}

impl Prefs {
    /// Remembers `path` as the most recently used file.
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(RECENT_FILES);
        self.last_session = Some(path.to_owned());
        self.last_folder = path.parent().map(Path::to_owned);
    }
}

/// How large text is drawn: the facilitator's laptop, or a projector at the back of a room.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Projector,
}

impl TextSize {
    pub const ALL: [Self; 3] = [Self::Normal, Self::Large, Self::Projector];

    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "Normal text",
            Self::Large => "Large text",
            Self::Projector => "Projector text",
        }
    }

    /// The zoom factor egui applies for this size.
    pub fn zoom(self) -> f32 {
        match self {
            Self::Normal => 1.0,
            Self::Large => 1.25,
            Self::Projector => 1.5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut prefs = Prefs::default();
        for i in 0..12 {
            prefs.remember(Path::new(&format!("/w/{i}.ron")));
        }
        prefs.remember(Path::new("/w/5.ron"));
        assert_eq!(prefs.recent_files.len(), RECENT_FILES);
        assert_eq!(prefs.recent_files[0], Path::new("/w/5.ron"));
        assert_eq!(prefs.recent_files[1], Path::new("/w/11.ron"));
        assert_eq!(prefs.last_folder.as_deref(), Some(Path::new("/w")));
    }
}
