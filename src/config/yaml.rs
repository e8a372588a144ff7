//! The config fragments Iris prints for Ory Kratos and Ory Hydra (`iris kratos-config`,
//! `iris hydra-config`) are written as YAML by this small emitter.
use serde_json::Value;

/// A small YAML emitter for JSON values: block mappings and sequences, scalars written as JSON
/// (a JSON string is a valid YAML double-quoted scalar).
pub fn yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(v, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        yaml(v, indent + 2, out);
                    }
                    scalar => out.push_str(&format!("{pad}{k}: {scalar}\n")),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) => {
                        let mut inner = String::new();
                        yaml(item, indent + 2, &mut inner);
                        // The first key goes on the dash line.
                        out.push_str(&format!("{pad}- {}", inner.trim_start()));
                    }
                    scalar => out.push_str(&format!("{pad}- {scalar}\n")),
                }
            }
        }
        scalar => out.push_str(&format!("{pad}{scalar}\n")),
    }
}
