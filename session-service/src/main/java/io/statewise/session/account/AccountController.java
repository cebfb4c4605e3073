package io.statewise.session.account;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import io.statewise.support.problem.ProblemException;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/account")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/signup")
	ResponseEntity<Account> signUp(@RequestBody @Valid SignUpRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.accounts.signUp(request, List.of("USER")));
	}

	@GetMapping("/me")
	Account me(Principal principal) {
		return this.accounts.find(UUID.fromString(principal.getName()))
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "Account gone",
					"The account of this session no longer exists."));
	}

}
