//! Documents made from the session, one file per format. The window and the command line both
//! call these.

pub mod ics;
