//! Query parameters: parsed by hand so that every mistake gets a 400 with a message saying what
//! is wrong (an unknown or repeated parameter, a date that is not one, a value out of range).

use crate::error::ApiError;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use kroniek_core::PartialDate;

/// The raw query string, as axum hands it over.
pub type RawParams = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The contract's certainty values, strongest first.
pub const CERTAINTIES: [&str; 5] = ["confirmed", "reported", "hedged", "unconfirmed", "denied"];

/// The contract's predicates.
pub const PREDICATES: [&str; 9] = [
    "death",
    "alive",
    "location",
    "reward",
    "count",
    "attack",
    "capture",
    "leadership",
    "statement",
];

/// Checked query parameters. Empty values count as absent (`?entity=&from=`).
#[derive(Debug)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Checks that only `allowed` parameters are given, each at most once.
    pub fn parse(raw: RawParams, allowed: &[&str]) -> Result<Params, ApiError> {
        let Query(pairs) = raw.map_err(|e| {
            ApiError::bad_request(format!("cannot read the query string: {}", e.body_text()))
        })?;
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in &pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad_request(if allowed.is_empty() {
                    format!("unknown parameter {k:?}; this endpoint takes none")
                } else {
                    format!(
                        "unknown parameter {k:?}; this endpoint takes {}",
                        allowed.join(", ")
                    )
                }));
            }
            if seen.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "parameter {k:?} is given more than once"
                )));
            }
            seen.push(k);
        }
        Ok(Params { pairs })
    }

    /// A parameter's value, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A date: `2024-05-10`, `2024-05` or `2024`.
    pub fn date(&self, name: &str) -> Result<Option<PartialDate>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => PartialDate::parse(v).map(Some).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{name}: {v:?} is not a date; use 2024-05-10, 2024-05 or 2024"
                ))
            }),
        }
    }

    /// A whole number in `1..=max`, or `default`.
    pub fn count(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        self.number(name, default, 1, max)
    }

    /// A whole number in `min..=max`, or `default`.
    pub fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        let n: usize = v
            .parse()
            .map_err(|_| ApiError::bad_request(format!("{name}: {v:?} is not a whole number")))?;
        if n < min || n > max {
            return Err(ApiError::bad_request(format!(
                "{name} must be between {min} and {max}, not {n}"
            )));
        }
        Ok(n)
    }

    /// Text of at most `max` characters.
    pub fn text(&self, name: &str, max: usize) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            Some(v) if v.chars().count() > max => Err(ApiError::bad_request(format!(
                "{name} is longer than {max} characters"
            ))),
            other => Ok(other),
        }
    }

    /// A comma-separated list of values from `known`.
    pub fn one_of_list(&self, name: &str, known: &[&str]) -> Result<Option<Vec<String>>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for item in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let lower = item.to_ascii_lowercase();
            if !known.contains(&lower.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "{name}: {item:?} is not one of {}",
                    known.join(", ")
                )));
            }
            out.push(lower);
        }
        Ok(Some(out))
    }
}
