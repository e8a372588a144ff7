// Body of the HTTP request that Kratos's courier (delivery_strategy: http)
// POSTs to Iris at POST /hooks/kratos/courier.
//
// Kratos v1.3.1 calls this with one top-level argument `ctx` (courier/http_channel.go):
//   recipient      string  the email address
//   subject        string  rendered subject of the built-in/overridden template
//   body           string  rendered PLAIN-TEXT body
//   template_type  string  login_code_valid | registration_code_valid | recovery_code_valid |
//                          recovery_code_invalid | recovery_valid | recovery_invalid |
//                          verification_code_valid | verification_code_invalid |
//                          verification_valid | verification_invalid | stub
//   template_data  object  the template model, e.g. for login_code_valid
//                          {to, login_code, identity, request_url, transient_payload};
//                          registration_code_valid: {to, traits, registration_code, request_url,
//                          transient_payload}; recovery_code_valid: {to, recovery_code, identity,
//                          request_url, transient_payload}; recovery_valid: {..., recovery_url}
//   message_type   string  "email"
// Newer Kratos versions add html_body and request_headers.
//
// Kratos's default body drops login_code / registration_code, so Iris passes the
// whole context through unchanged: every field above (and any future one) arrives
// as-is, and Iris renders and sends the email itself.
function(ctx) ctx
