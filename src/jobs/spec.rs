//! Job specs (`%n %+ %% % %- %string %?string`), parsed and resolved against the job table.
//! Pure functions: the table hands in (job number, command text) pairs and its current and
//! previous jobs.

/// A parsed job spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobSpec {
    /// `%%`, `%+`, `%`
    Current,
    /// `%-`
    Previous,
    /// `%n`
    Number(usize),
    /// `%string`: the job whose command starts with `string`.
    Prefix(Vec<u8>),
    /// `%?string`: the job whose command contains `string`.
    Contains(Vec<u8>),
}

/// Why a spec names no job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    NoSuchJob,
    /// `%string`/`%?string` matched more than one job.
    Ambiguous,
}

impl SpecError {
    /// The message after `name: `, as bash words it: `%4: no such job`.
    pub fn message(&self, arg: &[u8]) -> String {
        let arg = String::from_utf8_lossy(arg);
        match self {
            SpecError::NoSuchJob => format!("{arg}: no such job"),
            SpecError::Ambiguous => format!("{arg}: ambiguous job spec"),
        }
    }
}

/// Parses a job spec; `None` when `arg` does not start with `%` (it is then a pid or an error,
/// depending on the builtin).
pub fn parse(arg: &[u8]) -> Option<JobSpec> {
    let rest = arg.strip_prefix(b"%")?;
    Some(match rest {
        b"" | b"%" | b"+" => JobSpec::Current,
        b"-" => JobSpec::Previous,
        _ if rest.iter().all(u8::is_ascii_digit) => {
            match std::str::from_utf8(rest).ok().and_then(|s| s.parse().ok()) {
                Some(n) => JobSpec::Number(n),
                // Too many digits for a job number: no job can have it.
                None => JobSpec::Number(usize::MAX),
            }
        }
        _ => match rest.strip_prefix(b"?") {
            Some(s) => JobSpec::Contains(s.to_vec()),
            None => JobSpec::Prefix(rest.to_vec()),
        },
    })
}

/// Finds the job `spec` names among `jobs` (number, command text).
pub fn resolve<'a>(
    spec: &JobSpec,
    jobs: impl IntoIterator<Item = (usize, &'a [u8])>,
    current: Option<usize>,
    previous: Option<usize>,
) -> Result<usize, SpecError> {
    let mut jobs = jobs.into_iter();
    match spec {
        JobSpec::Current => current.ok_or(SpecError::NoSuchJob),
        JobSpec::Previous => previous.or(current).ok_or(SpecError::NoSuchJob),
        JobSpec::Number(n) => jobs
            .find(|(id, _)| id == n)
            .map(|(id, _)| id)
            .ok_or(SpecError::NoSuchJob),
        JobSpec::Prefix(p) => unique(jobs.filter(|(_, text)| text.starts_with(p))),
        JobSpec::Contains(s) => unique(jobs.filter(|(_, text)| contains(text, s))),
    }
}

fn unique<'a>(mut matches: impl Iterator<Item = (usize, &'a [u8])>) -> Result<usize, SpecError> {
    let first = matches.next().ok_or(SpecError::NoSuchJob)?;
    if matches.next().is_some() {
        return Err(SpecError::Ambiguous);
    }
    Ok(first.0)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOBS: &[(usize, &[u8])] = &[(1, b"sleep 50"), (2, b"sleep 51 | cat"), (4, b"vim notes")];

    fn r(arg: &str) -> Result<usize, SpecError> {
        let spec = parse(arg.as_bytes()).expect("a spec");
        resolve(&spec, JOBS.iter().copied(), Some(4), Some(2))
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(parse(b"%"), Some(JobSpec::Current));
        assert_eq!(parse(b"%%"), Some(JobSpec::Current));
        assert_eq!(parse(b"%+"), Some(JobSpec::Current));
        assert_eq!(parse(b"%-"), Some(JobSpec::Previous));
        assert_eq!(parse(b"%12"), Some(JobSpec::Number(12)));
        assert_eq!(parse(b"%sl"), Some(JobSpec::Prefix(b"sl".to_vec())));
        assert_eq!(parse(b"%?51"), Some(JobSpec::Contains(b"51".to_vec())));
        assert_eq!(
            parse(b"%99999999999999999999999"),
            Some(JobSpec::Number(usize::MAX))
        );
        assert_eq!(parse(b"123"), None);
    }

    #[test]
    fn resolves_against_the_table() {
        assert_eq!(r("%%"), Ok(4));
        assert_eq!(r("%+"), Ok(4));
        assert_eq!(r("%"), Ok(4));
        assert_eq!(r("%-"), Ok(2));
        assert_eq!(r("%1"), Ok(1));
        assert_eq!(r("%3"), Err(SpecError::NoSuchJob));
        assert_eq!(r("%vi"), Ok(4));
        assert_eq!(r("%sleep"), Err(SpecError::Ambiguous));
        assert_eq!(r("%?cat"), Ok(2));
        assert_eq!(r("%?5"), Err(SpecError::Ambiguous));
        assert_eq!(r("%?zzz"), Err(SpecError::NoSuchJob));
    }

    #[test]
    fn previous_falls_back_to_current_and_empty_table_has_none() {
        let spec = parse(b"%-").expect("spec");
        assert_eq!(resolve(&spec, JOBS.iter().copied(), Some(1), None), Ok(1));
        assert_eq!(
            resolve(&spec, std::iter::empty(), None, None),
            Err(SpecError::NoSuchJob)
        );
    }

    #[test]
    fn messages_match_bash() {
        assert_eq!(SpecError::NoSuchJob.message(b"%4"), "%4: no such job");
        assert_eq!(
            SpecError::Ambiguous.message(b"%sl"),
            "%sl: ambiguous job spec"
        );
    }
}
