//! Which spec operation an HTTP request is: its method and path matched against the spec's
//! path templates (`/open-apis/application/v6/applications/{app_id}/app_versions/{version_id}`)
//! by `feishu_wire::path_template`, the rule the fake answers by too: the most specific
//! template that fits wins (a literal segment beats a parameter), whatever the spec's order.

use axum::http::Method;
use feishu_application::spec_facts::ROUTES;
use feishu_wire::path_template::{PathTemplate, split};

/// The spec's operations as (method, path template, operationId).
#[derive(Debug)]
pub(crate) struct Routes {
    /// Most specific template first.
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    method: Method,
    template: PathTemplate,
    operation: &'static str,
}

impl Routes {
    /// The routes of the workspace spec, as `cargo xtask generate` wrote them into the client.
    pub(crate) fn workspace() -> Self {
        Self::from_table(ROUTES)
    }

    /// The routes of a (method, path template, operationId) table.
    fn from_table(table: &[(&'static str, &'static str, &'static str)]) -> Self {
        let mut routes: Vec<Route> = table
            .iter()
            .filter_map(|&(method, template, operation)| {
                Some(Route {
                    // A generated method name is always a valid token and a generated template
                    // a spec path; a bad one could only come from a broken generator, and then
                    // the route just never matches.
                    method: Method::from_bytes(method.as_bytes()).ok()?,
                    template: PathTemplate::parse(template).ok()?,
                    operation,
                })
            })
            .collect();
        routes.sort_by_key(|route| std::cmp::Reverse(route.template.specificity()));
        Self { routes }
    }

    /// The operationId a request is, if the spec documents it. The query is not looked at.
    pub(crate) fn find(&self, method: &Method, path: &str) -> Option<&str> {
        let parts = split(path);
        self.routes
            .iter()
            .find(|route| route.method == method && route.template.matches(&parts))
            .map(|route| route.operation)
    }
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
    fn a_literal_segment_wins_over_a_parameter_whatever_the_order() {
        let routes = Routes::from_table(&[
            ("GET", "/apps/{app_id}", "get_app"),
            ("GET", "/apps/underauditlist", "list_under_audit_apps"),
        ]);
        assert_eq!(
            routes.find(&Method::GET, "/apps/underauditlist"),
            Some("list_under_audit_apps")
        );
        assert_eq!(routes.find(&Method::GET, "/apps/cli_1"), Some("get_app"));
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
