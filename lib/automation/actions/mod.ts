/** The built-in actions (each registers itself); other features add theirs with `defineAction`. */
import "./send_email.ts";
import "./create_task.ts";
import "./assign_owner.ts";
import "./move_stage.ts";
import "./notify_member.ts";
import "./post_slack.ts";
import "./call_webhook.ts";
