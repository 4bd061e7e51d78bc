//! The `LinkedIn-Version` header of the versioned (`/rest`) APIs.

use std::fmt;
use std::str::FromStr;

/// A validated LinkedIn API version: `YYYYMM` or `YYYYMM.RR`.
///
/// ```
/// use linkedin::restli::LinkedInVersion;
///
/// let v: LinkedInVersion = "202406".parse()?;
/// assert_eq!(v.as_str(), "202406");
/// assert!("202413".parse::<LinkedInVersion>().is_err());
/// assert!("202406.01".parse::<LinkedInVersion>().is_ok());
/// # Ok::<(), linkedin::restli::VersionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkedInVersion(String);

/// Why a string is not a LinkedIn API version.
///
/// ```
/// let err = "2024-06".parse::<linkedin::restli::LinkedInVersion>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid LinkedIn-Version \"2024-06\": expected YYYYMM or YYYYMM.RR, such as 202406 or 202406.01"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid LinkedIn-Version {}: {reason}",
    crate::excerpt::Excerpt(value)
)]
pub struct VersionError {
    value: String,
    reason: &'static str,
}

impl VersionError {
    /// The rejected text, whole (the message quotes at most about 200
    /// bytes of it).
    ///
    /// ```
    /// let err = "x".parse::<linkedin::restli::LinkedInVersion>().unwrap_err();
    /// assert_eq!(err.value(), "x");
    /// ```
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl LinkedInVersion {
    /// Validates a version string.
    ///
    /// ```
    /// assert!(linkedin::restli::LinkedInVersion::new("202401").is_ok());
    /// assert!(linkedin::restli::LinkedInVersion::new("202400").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// Unless the text is six digits forming a year and a month `01`-`12`,
    /// optionally followed by `.` and a two-digit revision.
    pub fn new(version: &str) -> Result<Self, VersionError> {
        let fail = |reason| VersionError {
            value: version.to_owned(),
            reason,
        };
        let (date, revision) = match version.split_once('.') {
            Some((date, revision)) => (date, Some(revision)),
            None => (version, None),
        };
        let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(date, 6) || revision.is_some_and(|r| !all_digits(r, 2)) {
            return Err(fail(
                "expected YYYYMM or YYYYMM.RR, such as 202406 or 202406.01",
            ));
        }
        let month = date
            .get(4..6)
            .and_then(|m| m.parse::<u8>().ok())
            .unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(fail("the month must be 01 to 12"));
        }
        Ok(LinkedInVersion(version.to_owned()))
    }

    /// The version as sent in the header.
    ///
    /// ```
    /// let v = linkedin::restli::LinkedInVersion::new("202406.02")?;
    /// assert_eq!(v.as_str(), "202406.02");
    /// # Ok::<(), linkedin::restli::VersionError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LinkedInVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LinkedInVersion {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LinkedInVersion::new(s)
    }
}

impl TryFrom<&str> for LinkedInVersion {
    type Error = VersionError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        LinkedInVersion::new(s)
    }
}

impl TryFrom<String> for LinkedInVersion {
    type Error = VersionError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        LinkedInVersion::new(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        for ok in ["202401", "202412", "199901", "202406.01", "202406.99"] {
            assert!(LinkedInVersion::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2024",
            "2024061",
            "202400",
            "202413",
            "20240a",
            "202406.",
            "202406.1",
            "202406.001",
            "202406.ab",
            " 202406",
            "202406 ",
            "２０２４０６",
        ] {
            assert!(LinkedInVersion::new(bad).is_err(), "{bad:?}");
        }
    }
}
