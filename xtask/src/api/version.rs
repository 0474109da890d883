//! The client crate's version: read it, bump it by a level, write it back.
//!
//! While the crate is 0.x, Cargo treats the minor number as the major one: `0.y.z` →
//! `0.(y+1).0` for a breaking change, `0.y.(z+1)` for anything else.

use std::fmt;
use std::path::Path;

use anyhow::{Context as _, bail};

use super::compare::Level;

/// The client crate's manifest, relative to the workspace root.
pub const MANIFEST: &str = "crates/feishu-application/Cargo.toml";

/// `major.minor.patch` (no pre-release or build parts: the crate uses none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl Version {
    /// Parses `1.2.3`.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let parts: Vec<&str> = text.split('.').collect();
        let [major, minor, patch] = parts.as_slice() else {
            bail!("version `{text}` is not major.minor.patch");
        };
        let number = |part: &str| {
            part.parse::<u64>()
                .with_context(|| format!("version `{text}`: `{part}` is not a number"))
        };
        Ok(Self {
            major: number(major)?,
            minor: number(minor)?,
            patch: number(patch)?,
        })
    }

    /// The smallest version after `self` that a change of `level` needs.
    pub fn bump(self, level: Level) -> Self {
        match (self.major, level) {
            (0, Level::Major) => Self {
                minor: self.minor + 1,
                patch: 0,
                ..self
            },
            (0, _) | (_, Level::Patch) => Self {
                patch: self.patch + 1,
                ..self
            },
            (_, Level::Minor) => Self {
                minor: self.minor + 1,
                patch: 0,
                ..self
            },
            (_, Level::Major) => Self {
                major: self.major + 1,
                minor: 0,
                patch: 0,
            },
        }
    }

    /// The least version a change of `level` since `self` must carry before it lands: a
    /// breaking change needs its bump at once; an additive one waits for the release.
    pub fn required_for(self, level: Level) -> Self {
        match level {
            Level::Major => self.bump(level),
            Level::Minor | Level::Patch => self,
        }
    }

    /// How Cargo reads a change of `level` on this version, in words.
    pub fn advice(self, level: Level) -> String {
        let next = self.bump(level);
        match (self.major, level) {
            (0, Level::Major) => format!(
                "0.x: a breaking change bumps the minor number ({self} -> {next}); \
                 Cargo treats 0.y as the major version"
            ),
            (0, _) => format!(
                "0.x: a {} change bumps the patch number ({self} -> {next})",
                level.as_str()
            ),
            _ => format!("a {} change: {self} -> {next}", level.as_str()),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The `version = "..."` of the `[package]` table in a manifest's text.
pub fn read(manifest: &str) -> anyhow::Result<Version> {
    let (_, value) = package_version_line(manifest)
        .with_context(|| format!("{MANIFEST} has no `version = \"...\"` in [package]"))?;
    Version::parse(value)
}

/// The manifest text with the package version replaced.
pub fn replace(manifest: &str, version: Version) -> anyhow::Result<String> {
    let (index, old) = package_version_line(manifest)
        .with_context(|| format!("{MANIFEST} has no `version = \"...\"` in [package]"))?;
    let mut lines: Vec<String> = manifest.lines().map(str::to_owned).collect();
    lines[index] = lines[index].replacen(old, &version.to_string(), 1);
    let mut text = lines.join("\n");
    if manifest.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Reads the version from the manifest under `root`.
pub fn read_at(root: &Path) -> anyhow::Result<Version> {
    let path = root.join(MANIFEST);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    read(&text)
}

/// The line index and the quoted value of `version = "..."` inside `[package]`.
fn package_version_line(manifest: &str) -> Option<(usize, &str)> {
    let mut in_package = false;
    for (index, line) in manifest.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some(rest) = trimmed.strip_prefix("version") else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = rest.trim().strip_prefix('"')?.split('"').next()?;
        return Some((index, value));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_x_breaking_bumps_minor_and_additive_bumps_patch() {
        let v = Version::parse("0.2.3").unwrap();
        assert_eq!(v.bump(Level::Major).to_string(), "0.3.0");
        assert_eq!(v.bump(Level::Minor).to_string(), "0.2.4");
        assert_eq!(v.bump(Level::Patch).to_string(), "0.2.4");
        let v = Version::parse("1.2.3").unwrap();
        assert_eq!(v.bump(Level::Major).to_string(), "2.0.0");
        assert_eq!(v.bump(Level::Minor).to_string(), "1.3.0");
    }

    #[test]
    fn only_a_breaking_change_requires_a_bump_before_release() {
        let v = Version::parse("0.2.0").unwrap();
        assert_eq!(v.required_for(Level::Major).to_string(), "0.3.0");
        assert_eq!(v.required_for(Level::Minor), v);
        assert_eq!(v.required_for(Level::Patch), v);
    }

    #[test]
    fn replaces_only_the_package_version() {
        let manifest = "[package]\nname = \"x\"\nversion = \"0.1.0\"\n\n[dependencies]\ny = { version = \"0.1.0\" }\n";
        let out = replace(manifest, Version::parse("0.2.0").unwrap()).unwrap();
        assert!(
            out.contains("version = \"0.2.0\"\n\n[dependencies]"),
            "{out}"
        );
        assert!(out.contains("y = { version = \"0.1.0\" }"), "{out}");
        assert_eq!(read(&out).unwrap().to_string(), "0.2.0");
    }

    #[test]
    fn a_bad_version_names_the_part() {
        let error = Version::parse("0.x.1").unwrap_err().to_string();
        assert!(error.contains("`x` is not a number"), "{error}");
    }
}
