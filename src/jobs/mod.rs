//! Job control: the job table, reaping, terminal handoff (the job-control issue).
