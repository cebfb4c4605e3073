package io.statewise.session.account;

import java.util.List;
import java.util.UUID;

/** An account as the API shows it: never its password hash. */
public record Account(UUID id, String email, String displayName, List<String> roles) {

}
