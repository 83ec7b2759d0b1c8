package cn.fucai.cms.account;

import cn.fucai.cms.account.AccountDtos.AccountFields;
import cn.fucai.cms.account.AccountDtos.AccountRequest;
import cn.fucai.cms.account.AccountDtos.AccountResponse;
import cn.fucai.cms.account.AccountDtos.AccountUpdate;
import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.error.StaleVersionException;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.NewestFirst;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Accounts of people: admins create them, change their role, scope and status, and reset their passwords; a
 * signed-in person changes their own password. Disabling an account or resetting its password ends its sessions.
 */
@ApplicationScoped
public class AccountService {

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    PublisherService publishers;

    @Inject
    PasswordPolicy policy;

    /** Whether an account has this login name, whatever its case. */
    @Transactional
    public boolean exists(String login) {
        return Account.findByLogin(login).isPresent();
    }

    @Transactional
    public Account create(AccountRequest request) {
        access.requireAdmin();
        if (Account.findByLogin(request.login()).isPresent()) {
            throw new ResourceConflictException("the login name " + request.login() + " is taken");
        }
        policy.check("password", request.password(), request.login());
        Instant now = changes.now();
        Account account = new Account();
        account.login = request.login();
        account.status = AccountStatus.active;
        apply(account, request);
        account.passwordHash = Passwords.hash(request.password());
        account.passwordChangedAt = now;
        account.createdAt = now;
        account.updatedAt = now;
        account.persistAndFlush();
        changes.fire(change(ChangeAction.CREATE, account, null, AccountResponse.from(account), now));
        return account;
    }

    @Transactional
    Account get(UUID id) {
        access.requireAdmin();
        return find(id);
    }

    @Transactional
    Page<Account> list(String cursorParam, int limit) {
        access.requireAdmin();
        String fingerprint = Cursor.fingerprint("-createdAt");
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        List<Account> rows = cursor == null
                ? Account.page(null, null, limit + 1)
                : Account.page(cursor.instantKey(0), cursor.uuidKey(1), limit + 1);
        return Page.fromLookahead(rows, limit, last -> NewestFirst.cursorAfter(fingerprint, last.createdAt, last.id));
    }

    /** Replaces what an admin may change; disabling ends every session of the account. */
    @Transactional
    Account update(UUID id, AccountUpdate request, VersionPrecondition precondition) {
        access.requireAdmin();
        Account account = current(id, precondition);
        AccountResponse before = AccountResponse.from(account);
        apply(account, request);
        account.status = request.status();
        Instant now = changes.now();
        if (account.status == AccountStatus.disabled) {
            AccountSession.endAll(account.id, null, now, "disabled");
        }
        if (!before.equals(AccountResponse.from(account))) {
            account.touch(now);
            account.flush();
            changes.fire(change(ChangeAction.UPDATE, account, before, AccountResponse.from(account), now));
        }
        return account;
    }

    /** An admin gives the account a new password; every session of it ends. */
    @Transactional
    Account resetPassword(UUID id, String password, VersionPrecondition precondition) {
        access.requireAdmin();
        Account account = current(id, precondition);
        return setPassword(account, "password", password, null, ChangeAction.RESET_PASSWORD);
    }

    /** The signed-in person's new password; their other sessions end, this one stays. */
    @Transactional
    Account changeOwnPassword(UUID accountId, UUID keptSession, String newPassword) {
        return setPassword(find(accountId), "newPassword", newPassword, keptSession, ChangeAction.CHANGE_PASSWORD);
    }

    /** The signed-in person's own account. */
    @Transactional
    Account own(UUID accountId) {
        return find(accountId);
    }

    private Account setPassword(Account account, String field, String password, UUID keptSession, ChangeAction act) {
        policy.check(field, password, account.login);
        if (Passwords.matches(password, account.passwordHash)) {
            throw new InvalidInputException(field, "is the current password; choose a new one");
        }
        Instant now = changes.now();
        AccountResponse before = AccountResponse.from(account);
        account.passwordHash = Passwords.hash(password);
        account.passwordChangedAt = now;
        account.touch(now);
        account.flush();
        AccountSession.endAll(
                account.id,
                keptSession,
                now,
                act == ChangeAction.RESET_PASSWORD ? "password-reset" : "password-changed");
        changes.fire(change(act, account, before, AccountResponse.from(account), now));
        return account;
    }

    private void apply(Account account, AccountFields fields) {
        Role role = fields.role();
        String publisher = fields.publisher();
        if (role == Role.sync) {
            throw new InvalidInputException("role", "sync is for tokens of partner mirrors, not for people");
        }
        if (role.isScoped()) {
            if (publisher == null) {
                throw new InvalidInputException("publisher", "is required for " + role + " accounts");
            }
            account.publisherId = publishers.requireLive("publisher", publisher).id;
            account.includeChildren = fields.includeChildren();
        } else if (publisher != null || fields.includeChildren()) {
            throw new InvalidInputException(
                    "publisher", "admins act for every publisher; leave publisher and includeChildren out");
        } else {
            account.publisherId = null;
            account.includeChildren = false;
        }
        account.displayName = fields.displayName().strip();
        account.email = fields.email() == null || fields.email().isBlank()
                ? null
                : fields.email().strip();
        account.role = role;
    }

    private Account current(UUID id, VersionPrecondition precondition) {
        Account account = find(id);
        if (!precondition.matches(account.version)) {
            throw new StaleVersionException("account", id);
        }
        return account;
    }

    private static Account find(UUID id) {
        return Account.<Account>findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("account", id));
    }

    private static ContentChanged change(
            ChangeAction action, Account account, Object before, Object after, Instant now) {
        return ContentChanged.of(ContentKind.ACCOUNT, action, account.id, account.publisherId, before, after, now);
    }
}
