//! One module per subcommand; each has `Args` (clap) and a `run`.

pub(crate) mod approve;
pub(crate) mod fake;
pub(crate) mod journal;
pub(crate) mod pending;
pub(crate) mod proxy;
pub(crate) mod ranges;
pub(crate) mod reject;
pub(crate) mod review;
pub(crate) mod show;
pub(crate) mod validate;

use crate::connection::Connection;

/// The reviewer's open_id: the one given, or the embedded fake's member.
fn operator(given: Option<String>, connection: &Connection) -> anyhow::Result<String> {
    match given.or_else(|| connection.default_operator().map(str::to_owned)) {
        Some(operator) if !operator.trim().is_empty() => {
            let operator = feishu_application::OpenId::parse(&operator)
                .map_err(|error| anyhow::anyhow!("--operator: {error}"))?;
            Ok(operator.as_str().to_owned())
        }
        _ => anyhow::bail!(
            "--operator OPEN_ID is required: the reviewer Feishu records for the decision"
        ),
    }
}
