//! Job control: the job table, reaping, terminal handoff (the job-control issue).

pub mod control;
pub mod format;
pub mod spec;
pub mod table;
