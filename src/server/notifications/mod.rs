//! Notification handlers, one file per family, like `requests/`. Each converts the client's
//! message and queues a task for the analysis thread (which turns it into a workspace `Change`).
//!
//! Document notification handlers never `.await`: each one finishes its state change before the
//! next notification runs, which is what keeps incremental sync in order.

pub mod configuration;
pub mod text_document;
pub mod watched_files;
pub mod workspace_folders;
