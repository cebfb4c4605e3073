package io.statewise.session.account;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import io.statewise.support.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
	@Operation(summary = "Create an account (it is not logged in)")
	@ApiResponse(responseCode = "201", description = "The new account")
	@ApiResponse(responseCode = "400",
			description = "Invalid email, display name or password (10 to 72 bytes, not the email address)")
	@ApiResponse(responseCode = "409", description = "The email address is already registered")
	ResponseEntity<Account> signUp(@RequestBody @Valid SignUpRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.accounts.signUp(request, List.of("USER")));
	}

	@GetMapping("/me")
	@Operation(summary = "The signed-in account", security = @SecurityRequirement(name = "session"))
	@ApiResponse(responseCode = "200", description = "The account of this session")
	@ApiResponse(responseCode = "401", description = "Not signed in, or the account is gone")
	Account me(@Parameter(hidden = true) Principal principal) {
		return this.accounts.find(UUID.fromString(principal.getName()))
			.orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "Account gone",
					"The account of this session no longer exists."));
	}

}
