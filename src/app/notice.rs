//! Short messages to the facilitator: confirmations fade, errors stay until dismissed.

/// How long a confirmation stays on screen.
const INFO_SECONDS: f64 = 4.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    /// When it appeared, on the input clock; set when first shown.
    pub shown_at: Option<f64>,
}

/// The messages on screen, oldest first.
#[derive(Default)]
pub struct Notices {
    pub list: Vec<Notice>,
}

impl Notices {
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into());
    }

    fn push(&mut self, level: Level, text: String) {
        self.list.retain(|notice| notice.text != text);
        self.list.push(Notice {
            level,
            text,
            shown_at: None,
        });
    }

    /// Drops faded confirmations; returns the seconds until the next one fades, if any.
    pub fn expire(&mut self, now: f64) -> Option<f64> {
        for notice in &mut self.list {
            notice.shown_at.get_or_insert(now);
        }
        self.list.retain(|n| {
            n.level == Level::Error || n.shown_at.is_some_and(|t| now - t < INFO_SECONDS)
        });
        self.list
            .iter()
            .filter(|n| n.level == Level::Info)
            .filter_map(|n| n.shown_at)
            .map(|t| t + INFO_SECONDS - now)
            .reduce(f64::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_fade_and_errors_stay() {
        let mut notices = Notices::default();
        notices.info("Saved");
        notices.error("Disk full");
        assert_eq!(notices.expire(10.0), Some(INFO_SECONDS));
        assert_eq!(notices.list.len(), 2);
        assert_eq!(notices.expire(10.0 + INFO_SECONDS), None);
        assert_eq!(notices.list.len(), 1);
        assert_eq!(notices.list[0].text, "Disk full");
    }
}
