//! Which spec operation an HTTP request is: its method and path matched against the spec's
//! path templates (`/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}`).

use anyhow::Context as _;
use axum::http::Method;

/// The workspace spec: the same document `feishu-validate` checks answers against.
const SPEC: &str = include_str!("../../../../../spec/feishu-application-v6.yaml");

/// The spec's operations as (method, path template, operationId).
#[derive(Debug)]
pub(crate) struct Routes {
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    method: Method,
    segments: Vec<Segment>,
    operation: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl Routes {
    /// The routes of the workspace spec.
    pub(crate) fn workspace() -> anyhow::Result<Self> {
        Self::from_spec(SPEC)
    }

    /// The routes of an OpenAPI 3.0 document (YAML or JSON).
    pub(crate) fn from_spec(text: &str) -> anyhow::Result<Self> {
        let spec: openapiv3::OpenAPI =
            serde_yaml_ng::from_str(text).context("the spec is not an OpenAPI 3.0 document")?;
        let mut routes = Vec::new();
        for (template, item) in &spec.paths.paths {
            let Some(item) = item.as_item() else {
                anyhow::bail!("the spec's path {template} is a $ref; the proxy needs it inline");
            };
            let segments = segments(template);
            for (method, operation) in item.iter() {
                let Some(id) = &operation.operation_id else {
                    continue;
                };
                let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes())
                    .with_context(|| format!("method {method} of {template}"))?;
                routes.push(Route {
                    method,
                    segments: segments.clone(),
                    operation: id.clone(),
                });
            }
        }
        Ok(Self { routes })
    }

    /// The operationId a request is, if the spec documents it. The query is not looked at.
    pub(crate) fn find(&self, method: &Method, path: &str) -> Option<&str> {
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        self.routes
            .iter()
            .find(|route| route.method == method && route.matches(&parts))
            .map(|route| route.operation.as_str())
    }
}

impl Route {
    fn matches(&self, parts: &[&str]) -> bool {
        self.segments.len() == parts.len()
            && self
                .segments
                .iter()
                .zip(parts)
                .all(|(segment, part)| match segment {
                    Segment::Literal(literal) => literal == part,
                    Segment::Parameter => !part.is_empty(),
                })
    }
}

fn segments(template: &str) -> Vec<Segment> {
    template
        .trim_start_matches('/')
        .split('/')
        .map(|part| {
            if part.starts_with('{') && part.ends_with('}') {
                Segment::Parameter
            } else {
                Segment::Literal(part.to_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_operations_are_found_by_method_and_template() {
        let routes = Routes::workspace().unwrap();
        let version =
            "/open-apis/application/v6/applications/cli_0123456789abcdef/app_versions/oav_1";
        assert_eq!(routes.find(&Method::GET, version), Some("get_app_version"));
        assert_eq!(
            routes.find(&Method::PATCH, version),
            Some("patch_app_version")
        );
        assert_eq!(
            routes.find(
                &Method::GET,
                "/open-apis/application/v6/applications/underauditlist"
            ),
            Some("list_under_audit_apps")
        );
        assert_eq!(
            routes.find(
                &Method::POST,
                "/open-apis/auth/v3/tenant_access_token/internal"
            ),
            Some("get_tenant_access_token")
        );
    }

    #[test]
    fn other_methods_and_paths_are_not_operations() {
        let routes = Routes::workspace().unwrap();
        let version =
            "/open-apis/application/v6/applications/cli_0123456789abcdef/app_versions/oav_1";
        assert_eq!(routes.find(&Method::DELETE, version), None);
        assert_eq!(routes.find(&Method::GET, &format!("{version}/more")), None);
        assert_eq!(
            routes.find(
                &Method::GET,
                "/open-apis/application/v6/applications//app_versions/x"
            ),
            None
        );
        assert_eq!(routes.find(&Method::GET, "/"), None);
    }
}
