package dev.croupier.admin.web;

import dev.croupier.admin.staff.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an endpoint needs. Every handler of the admin app carries one (or {@link Public}):
 * {@link PermissionInterceptor} refuses a handler without either, so a new endpoint is closed until
 * someone decides who may use it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
  Permission value();
}
