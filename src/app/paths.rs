//! Where a file comes from or goes: the system's file dialog where the computer has one, and
//! otherwise a path typed into Accord's own dialog, which names the package that brings the
//! system's back. Either way the path becomes the same command.

use std::path::{Path, PathBuf};

use crate::export::Format;
use crate::model::SlaId;

/// How the window asks for a path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FileDialogs {
    /// The system's file dialog when the computer has one, else a typed path.
    #[default]
    System,
    /// Always a typed path: for tests, which must never wait on a system dialog.
    #[cfg_attr(
        accord_private_layers,
        expect(
            dead_code,
            reason = "only the integration tests and benchmarks ask for it"
        )
    )]
    Typed,
}

/// The Debian package that brings a file dialog to a desktop that has none.
pub const DIALOG_PACKAGE: &str = "xdg-desktop-portal-gtk";

/// What a path, picked or typed, is for: the command it becomes.
#[derive(Clone, Debug, PartialEq)]
pub enum PathFor {
    Open,
    SaveAs,
    /// A copy of this version, when another program changed the file.
    SaveCopy,
    Export(Format),
    Customers,
    Leads,
    Funnel,
    Events(SlaId),
    NextReview,
    Compare,
    Trend,
}

impl PathFor {
    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            Self::Open => "Open a session".to_owned(),
            Self::SaveAs | Self::SaveCopy => "Save the session as".to_owned(),
            Self::Export(Format::Csv) => "Folder for the CSV tables".to_owned(),
            Self::Export(Format::Hubspot) => "Folder for the HubSpot setup".to_owned(),
            Self::Export(Format::Salesforce) => "Folder for the Salesforce project".to_owned(),
            Self::Export(format) => format!("Export: {}", format.label()),
            Self::Customers => "Customer export to read".to_owned(),
            Self::Leads => "Leads export to score".to_owned(),
            Self::Funnel => "CRM export to count the funnel from".to_owned(),
            Self::Events(_) => "Events export to check the SLA on".to_owned(),
            Self::NextReview => "Where to write the next review".to_owned(),
            Self::Compare => "The review to compare with".to_owned(),
            Self::Trend => "A review to add to the trend".to_owned(),
        }
    }

    /// True when the path names a file that must already be there.
    pub fn reads(&self) -> bool {
        matches!(
            self,
            Self::Open
                | Self::Customers
                | Self::Leads
                | Self::Funnel
                | Self::Events(_)
                | Self::Compare
                | Self::Trend
        )
    }
}

/// The typed-path dialog while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedPath {
    pub purpose: PathFor,
    /// What is typed so far; it starts with the folder used last and any suggested name.
    pub text: String,
}

impl TypedPath {
    /// The path typed, with a leading `~/` read as the home folder; `Err` says why it cannot
    /// be used yet.
    pub fn path(&self) -> Result<PathBuf, String> {
        let text = self.text.trim();
        if text.is_empty() {
            return Err("Type the file's path.".to_owned());
        }
        let path = match text.strip_prefix("~/") {
            Some(rest) => match std::env::var_os("HOME") {
                Some(home) => Path::new(&home).join(rest),
                None => PathBuf::from(text),
            },
            None => PathBuf::from(text),
        };
        if self.purpose.reads() && !path.is_file() {
            return Err(format!("There is no file at {}.", path.display()));
        }
        Ok(path)
    }
}

/// True when this computer can show the system's file dialog: on Linux and the BSDs, a
/// desktop portal with a file chooser, or zenity; elsewhere the system always has one.
pub fn system_dialog_available() -> bool {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return true;
    }
    let data_dirs: Vec<PathBuf> = std::env::var_os("XDG_DATA_DIRS")
        .filter(|dirs| !dirs.is_empty())
        .map(|dirs| std::env::split_paths(&dirs).collect())
        .unwrap_or_else(|| vec!["/usr/local/share".into(), "/usr/share".into()]);
    let path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|dirs| std::env::split_paths(&dirs).collect())
        .unwrap_or_default();
    dialog_in(&data_dirs, &path)
}

/// The check of [`system_dialog_available`], in the folders given: zenity on the path, or the
/// portal's D-Bus service with a portal backend that declares a file chooser.
fn dialog_in(data_dirs: &[PathBuf], path: &[PathBuf]) -> bool {
    if path.iter().any(|dir| dir.join("zenity").is_file()) {
        return true;
    }
    let service = data_dirs.iter().any(|dir| {
        dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    let chooser = data_dirs.iter().any(|dir| {
        std::fs::read_dir(dir.join("xdg-desktop-portal/portals"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.path().extension().is_some_and(|e| e == "portal"))
            .any(|entry| {
                std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
            })
    });
    service && chooser
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_dialog_needs_zenity_or_a_portal_with_a_file_chooser() {
        let root = tempfile::tempdir().unwrap();
        let (data, bin) = (root.path().join("share"), root.path().join("bin"));
        std::fs::create_dir_all(data.join("dbus-1/services")).unwrap();
        std::fs::create_dir_all(data.join("xdg-desktop-portal/portals")).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        let (dirs, path) = (vec![data.clone()], vec![bin.clone()]);
        assert!(!dialog_in(&dirs, &path), "nothing installed");
        std::fs::write(
            data.join("dbus-1/services/org.freedesktop.portal.Desktop.service"),
            "[D-BUS Service]\n",
        )
        .unwrap();
        assert!(!dialog_in(&dirs, &path), "the portal alone shows no dialog");
        std::fs::write(
            data.join("xdg-desktop-portal/portals/gtk.portal"),
            "[portal]\nInterfaces=org.freedesktop.impl.portal.FileChooser;\n",
        )
        .unwrap();
        assert!(dialog_in(&dirs, &path), "the portal with the GTK backend");
        let no_portal = vec![root.path().join("elsewhere")];
        std::fs::write(bin.join("zenity"), "").unwrap();
        assert!(dialog_in(&no_portal, &path), "zenity");
    }

    #[test]
    fn a_typed_path_to_read_must_name_a_file() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("leads.csv");
        let mut typed = TypedPath {
            purpose: PathFor::Leads,
            text: " ".to_owned(),
        };
        assert!(typed.path().is_err());
        typed.text = file.display().to_string();
        assert!(typed.path().unwrap_err().contains("There is no file at"));
        std::fs::write(&file, "email\n").unwrap();
        assert_eq!(typed.path(), Ok(file.clone()));
        let save = TypedPath {
            purpose: PathFor::SaveAs,
            text: folder.path().join("new.accord.ron").display().to_string(),
        };
        assert!(save.path().is_ok(), "a file to write need not exist");
    }
}
