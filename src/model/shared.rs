//! A part of the session that copies of the session share until one of them changes it.
//!
//! The window keeps up to two hundred earlier versions of the session for undo, one more to
//! notice a change each frame, and applies each edit to a copy it can throw away if the edit
//! is refused. With every part behind an [`Arc`], each of those copies costs a pointer per part;
//! an edit copies only the parts it writes ([`Arc::make_mut`]), and comparing two versions skips
//! every part they still share.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Session;

/// `T`, shared between copies of the session until one of them writes to it.
///
/// Reading goes through [`Deref`]; writing through [`DerefMut`], which first makes the part
/// this copy's own when another copy still holds it. The file holds `T` as it is: the sharing
/// is never written.
#[derive(Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// True when both hold the very same part, so they are equal without looking inside.
    pub fn same_part(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone + PartialEq> Shared<Vec<T>> {
    /// Lets `edit` change a copy of the item at `index`, and takes the copy in only when it
    /// differs: a list that is drawn with editable fields but not edited stays shared with the
    /// session's other versions, so a frame neither copies it nor compares it. `None` when
    /// there is no such item.
    pub fn edit_item<R>(&mut self, index: usize, edit: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut copy = self.get(index)?.clone();
        let result = edit(&mut copy);
        if self.get(index) != Some(&copy) {
            let list = Arc::make_mut(&mut self.0);
            if let Some(item) = list.get_mut(index) {
                *item = copy;
            }
        }
        Some(result)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Self(Arc::new(value))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Self::same_part(self, other) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self::from)
    }
}

impl<A, T: FromIterator<A>> FromIterator<A> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = A>>(iter: I) -> Self {
        T::from_iter(iter).into()
    }
}

impl<'a, T> IntoIterator for &'a Shared<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        (&*self.0).into_iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<T>
where
    &'a mut T: IntoIterator,
{
    type Item = <&'a mut T as IntoIterator>::Item;
    type IntoIter = <&'a mut T as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).into_iter()
    }
}

/// Calls `$do!` with the name of every part of [`Session`] behind [`Shared`], and checks that
/// the list names every field that is not a plain value.
macro_rules! shared_parts {
    ($do:ident) => {
        shared_parts!(@list $do: teams participants audit icp definitions scoring stages funnel
            slas feedback_loops meetings metrics decisions actions parking_lot agenda
            pipeline_signatures votes)
    };
    (@list $do:ident: $($part:ident)*) => {{
        // A field added to the session fails here until it is listed, or named as a value.
        #[allow(unused)]
        fn every_field_named(session: &Session) {
            let Session { version: _, next_id: _, meta: _, previous: _, $($part: _),* } = session;
        }
        $do!($($part)*)
    }};
}

/// The shared parts before the workshop's details: the history asks every frame whether the
/// session changed, and a changed part differs at its pointer, while the details are compared
/// word by word however rarely they change.
impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        macro_rules! equal {
            ($($part:ident)*) => {
                true $(&& self.$part == other.$part)*
            };
        }
        self.version == other.version
            && self.next_id == other.next_id
            && shared_parts!(equal)
            && self.previous == other.previous
            && self.meta == other.meta
    }
}

impl Session {
    /// The parts this session holds apart from `earlier`, each with whether it still equals
    /// `earlier`'s: what a change since then copied, and whether it had to. A part they share
    /// is equal without being looked at.
    pub fn parts_apart_from(&self, earlier: &Self) -> Vec<(&'static str, bool)> {
        let mut apart = Vec::new();
        macro_rules! compare {
            ($($part:ident)*) => {{$(
                if !Shared::same_part(&self.$part, &earlier.$part) {
                    apart.push((stringify!($part), self.$part == earlier.$part));
                }
            )*}};
        }
        shared_parts!(compare);
        apart
    }

    /// Shares again with `earlier` each part that was copied to be written and is still the
    /// same: a change that looked at a part through `&mut` and left it costs nothing in the
    /// history.
    pub fn share_unchanged_parts(&mut self, earlier: &Self) {
        macro_rules! share {
            ($($part:ident)*) => {{$(
                if !Shared::same_part(&self.$part, &earlier.$part) && self.$part == earlier.$part {
                    self.$part = earlier.$part.clone();
                }
            )*}};
        }
        shared_parts!(share);
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn a_copy_shares_until_it_writes_and_then_holds_its_own() {
        let original: Shared<Vec<u32>> = vec![1, 2, 3].into();
        let mut copy = original.clone();
        assert!(Shared::same_part(&original, &copy), "a copy is a pointer");
        assert_eq!(copy.len(), 3, "reading does not copy");
        assert!(Shared::same_part(&original, &copy));

        copy.push(4);
        assert!(!Shared::same_part(&original, &copy), "writing copies");
        assert_eq!(*original, [1, 2, 3], "and leaves the other as it was");
        assert_eq!(*copy, [1, 2, 3, 4]);
        assert_ne!(original, copy);

        copy.pop();
        assert_eq!(original, copy, "equal by content once they differ in place");
    }

    #[test]
    fn an_item_edited_in_a_copy_is_taken_in_only_when_it_changed() {
        let original: Shared<Vec<String>> = vec!["MQL".to_owned(), "SQL".to_owned()].into();
        let mut copy = original.clone();

        let length = copy.edit_item(1, |term| term.len());
        assert_eq!(length, Some(3));
        assert!(
            Shared::same_part(&original, &copy),
            "looking through &mut copies nothing"
        );

        copy.edit_item(1, |term| term.push_str(" (accepted)"));
        assert!(!Shared::same_part(&original, &copy), "a change is taken in");
        assert_eq!(*copy, ["MQL", "SQL (accepted)"]);
        assert_eq!(
            *original,
            ["MQL", "SQL"],
            "and the other version keeps its own"
        );

        assert_eq!(
            copy.edit_item(2, |term| term.clear()),
            None,
            "no third item"
        );
        assert_eq!(copy.len(), 2);
    }

    #[test]
    fn the_file_holds_the_part_as_it_is() {
        let part: Shared<Vec<String>> = vec!["MQL".to_owned()].into();
        let written = ron::to_string(&part).unwrap();
        assert_eq!(written, ron::to_string(&vec!["MQL".to_owned()]).unwrap());
        let read: Shared<Vec<String>> = ron::from_str(&written).unwrap();
        assert_eq!(read, part);
    }
}
