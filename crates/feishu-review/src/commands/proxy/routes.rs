//! Which spec operation an HTTP request is: its method and path matched against the spec's
//! path templates (`/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}`).

use axum::http::Method;
use feishu_application::spec_facts::ROUTES;

/// The spec's operations as (method, path template, operationId).
#[derive(Debug)]
pub(crate) struct Routes {
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    method: Method,
    segments: Vec<Segment>,
    operation: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(&'static str),
    Parameter,
}

impl Routes {
    /// The routes of the workspace spec, as `cargo xtask generate` wrote them into the client.
    pub(crate) fn workspace() -> Self {
        Self::from_table(ROUTES)
    }

    /// The routes of a (method, path template, operationId) table.
    fn from_table(table: &[(&'static str, &'static str, &'static str)]) -> Self {
        let routes = table
            .iter()
            .filter_map(|&(method, template, operation)| {
                Some(Route {
                    // A generated method name is always a valid token; a bad one could only
                    // come from a broken generator, and then the route just never matches.
                    method: Method::from_bytes(method.as_bytes()).ok()?,
                    segments: segments(template),
                    operation,
                })
            })
            .collect();
        Self { routes }
    }

    /// The operationId a request is, if the spec documents it. The query is not looked at.
    pub(crate) fn find(&self, method: &Method, path: &str) -> Option<&str> {
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        self.routes
            .iter()
            .find(|route| route.method == method && route.matches(&parts))
            .map(|route| route.operation)
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

fn segments(template: &'static str) -> Vec<Segment> {
    template
        .trim_start_matches('/')
        .split('/')
        .map(|part| {
            if part.starts_with('{') && part.ends_with('}') {
                Segment::Parameter
            } else {
                Segment::Literal(part)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_operations_are_found_by_method_and_template() {
        let routes = Routes::workspace();
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
    fn every_route_of_the_spec_is_kept() {
        assert_eq!(Routes::workspace().routes.len(), ROUTES.len());
    }

    #[test]
    fn other_methods_and_paths_are_not_operations() {
        let routes = Routes::workspace();
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
