//! Where a list of short lines is in the session: a definition's criteria, a stage's
//! criteria, a hand-off's fields. Adding or removing a line names the list this way, so the
//! change can be a command of its own, one undo step, instead of an edit inside a screen.

use super::ids::{DefinitionId, StageId};

/// A list of lines in the session, by the item that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lines {
    Definition(DefinitionId, DefinitionLines),
    Stage(StageId, StageLines),
}

/// A definition's lists of criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefinitionLines {
    Firmographic,
    Behavioural,
    Verification,
}

/// A stage's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StageLines {
    Entry,
    Verification,
    Exit,
    /// What travels with the hand-off to the next stage.
    Handoff,
}

impl super::Session {
    /// The list `lines` names, while its item exists.
    pub fn lines_mut(&mut self, lines: Lines) -> Option<&mut Vec<String>> {
        match lines {
            Lines::Definition(id, which) => {
                let criteria = &mut self.definition_mut(id)?.criteria;
                Some(match which {
                    DefinitionLines::Firmographic => &mut criteria.firmographic,
                    DefinitionLines::Behavioural => &mut criteria.behavioural,
                    DefinitionLines::Verification => &mut criteria.verification,
                })
            }
            Lines::Stage(id, which) => {
                let stage = self.stages.iter_mut().find(|s| s.id == id)?;
                Some(match which {
                    StageLines::Entry => &mut stage.entry_criteria,
                    StageLines::Verification => &mut stage.verification,
                    StageLines::Exit => &mut stage.exit_criteria,
                    StageLines::Handoff => &mut stage.handoff.contents,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Definition, Session};

    #[test]
    fn a_list_is_found_while_its_item_exists() {
        let mut session = Session::default();
        let term = session.add_definition(Definition::default());
        let stage = session.add_stage();
        let firmographic = Lines::Definition(term, DefinitionLines::Firmographic);
        session
            .lines_mut(firmographic)
            .unwrap()
            .push("VP title".into());
        assert_eq!(session.definitions[0].criteria.firmographic, ["VP title"]);
        session
            .lines_mut(Lines::Stage(stage, StageLines::Handoff))
            .unwrap()
            .push("Budget".into());
        assert_eq!(session.stages[0].handoff.contents, ["Budget"]);
        session.remove_definition(term);
        assert!(session.lines_mut(firmographic).is_none());
    }
}
