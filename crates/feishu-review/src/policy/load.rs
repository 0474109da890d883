//! Reading a policy file.

use std::path::Path;

use anyhow::Context as _;

use super::Policy;

impl Policy {
    /// Reads a policy file; errors name the file and, for TOML mistakes, the line.
    pub(crate) fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the policy file {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("invalid policy file {}", path.display()))
    }

    /// Parses policy TOML.
    pub(crate) fn parse(text: &str) -> anyhow::Result<Self> {
        let policy: Policy = toml::from_str(text).map_err(|error| anyhow::anyhow!("{error}"))?;
        anyhow::ensure!(
            policy.max_auto_approve_level <= 3,
            "max_auto_approve_level must be 0..=3, got {}",
            policy.max_auto_approve_level
        );
        Ok(policy)
    }
}
