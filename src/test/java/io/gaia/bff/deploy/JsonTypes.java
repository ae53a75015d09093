package io.gaia.bff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

/**
 * Every type of this service that Jackson reads or writes, found in the compiled classes rather than
 * listed by hand, so a new DTO is checked the day it is added:
 * <ul>
 * <li>the parameters and results of HTTP endpoints and of REST client interfaces (any method with
 * {@code @GET}, {@code @POST}, ...): requests, responses, Gaia payloads;</li>
 * <li>the results of {@code @ServerExceptionMapper}s and {@code @ClientExceptionMapper}s: problem bodies;</li>
 * <li>the parameters and results of WebSocket callbacks ({@code @OnTextMessage}, ...);</li>
 * <li>whatever the code hands to an ObjectMapper itself ({@link ObjectMapperCalls}): SSE frames,
 * WebSocket messages, Gaia's stream;</li>
 * <li>and, from each of those, its properties' types, its implementations (a sealed interface's
 * records) and its supertypes (Jackson reads their annotations), transitively.</li>
 * </ul>
 * Only this service's own classes count: Jackson, the JDK and Quarkus look after theirs. The
 * simulator is left out: it is not part of the production build (gaia-simulator.enabled is false).
 */
final class JsonTypes {

    static final String APP = "io.gaia.bff.";
    static final String NOT_IN_PRODUCTION = "io.gaia.bff.simulator.";

    private final List<Class<?>> appClasses;
    private final Map<Class<?>, String> found = new LinkedHashMap<>();
    private final List<String> unresolved = new ArrayList<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();

    private JsonTypes(List<Class<?>> appClasses) {
        this.appClasses = appClasses;
    }

    /** The JSON types in the compiled classes under {@code classes}, each with why it counts. */
    static JsonTypes in(Path classes) {
        ClassLoader loader = JsonTypes.class.getClassLoader();
        List<Path> files = classFiles(classes);
        List<Class<?>> appClasses = new ArrayList<>();
        for (Path file : files) {
            appClasses.add(load(className(classes, file), loader));
        }
        JsonTypes types = new JsonTypes(appClasses);
        for (Class<?> type : appClasses) {
            types.signaturesOf(type);
        }
        for (Path file : files) {
            for (ObjectMapperCalls.Use use : ObjectMapperCalls.in(file, loader)) {
                if (use.unresolved() != null) {
                    types.unresolved.add(use.site() + ": " + use.unresolved());
                } else {
                    types.add(use.type(), "handed to an ObjectMapper at " + use.site());
                }
            }
        }
        types.close();
        return types;
    }

    /** Each JSON type, with the first reason found for it. */
    Map<Class<?>, String> found() {
        return found;
    }

    /** ObjectMapper calls whose type cannot be told from the code. */
    List<String> unresolved() {
        return unresolved;
    }

    private void signaturesOf(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isSynthetic()) {
                continue;
            }
            String where = type.getName() + "." + method.getName();
            if (annotated(method, a -> a.annotationType().isAnnotationPresent(HttpMethod.class))
                    || annotated(method, a -> a.annotationType().getPackageName().equals("io.quarkus.websockets.next"))) {
                add(method.getGenericReturnType(), "result of " + where);
                for (Type parameter : method.getGenericParameterTypes()) {
                    add(parameter, "parameter of " + where);
                }
            } else if (annotated(method, a -> a.annotationType().getSimpleName().endsWith("ExceptionMapper"))) {
                // Its parameter is the exception; only the answer is JSON.
                add(method.getGenericReturnType(), "result of exception mapper " + where);
            }
        }
    }

    /** Follows properties, implementations and supertypes until nothing new turns up. */
    private void close() {
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            String because = "of " + type.getName();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    add(component.getGenericType(), "property " + component.getName() + " " + because);
                }
            } else {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        add(field.getGenericType(), "property " + field.getName() + " " + because);
                    }
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (isProperty(type, method)) {
                    add(method.getGenericReturnType(), "property " + method.getName() + "() " + because);
                }
            }
            for (Class<?> candidate : appClasses) {
                if (candidate != type && type.isAssignableFrom(candidate)) {
                    add(candidate, "implementation " + because);
                }
            }
            add(type.getGenericSuperclass(), "supertype " + because + " (Jackson reads its annotations)");
            for (Type supertype : type.getGenericInterfaces()) {
                add(supertype, "supertype " + because + " (Jackson reads its annotations)");
            }
        }
    }

    /** A getter Jackson would use: on an interface any abstract accessor (records implement them). */
    private static boolean isProperty(Class<?> type, Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic() || method.getParameterCount() > 0
                || method.getReturnType() == void.class) {
            return false;
        }
        if (type.isInterface()) {
            return Modifier.isAbstract(method.getModifiers());
        }
        String name = method.getName();
        return Modifier.isPublic(method.getModifiers())
                && ((name.startsWith("get") && name.length() > 3) || (name.startsWith("is") && name.length() > 2));
    }

    /** Adds every class of this service mentioned in the type (List<Foo> counts Foo). */
    private void add(Type type, String reason) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> plain) {
            Class<?> element = plain;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (isProduction(element) && !found.containsKey(element)) {
                found.put(element, reason);
                pending.push(element);
            }
        } else if (type instanceof ParameterizedType generic) {
            add(generic.getRawType(), reason);
            for (Type argument : generic.getActualTypeArguments()) {
                add(argument, reason);
            }
        } else if (type instanceof GenericArrayType array) {
            add(array.getGenericComponentType(), reason);
        } else if (type instanceof WildcardType wildcard) {
            Stream.of(wildcard.getUpperBounds()).forEach(bound -> add(bound, reason));
            Stream.of(wildcard.getLowerBounds()).forEach(bound -> add(bound, reason));
        } else if (type instanceof TypeVariable<?> variable) {
            Stream.of(variable.getBounds()).forEach(bound -> add(bound, reason));
        }
    }

    private static boolean isProduction(Class<?> type) {
        return type.getName().startsWith(APP) && !type.getName().startsWith(NOT_IN_PRODUCTION)
                && !Throwable.class.isAssignableFrom(type) && !type.isAnnotation();
    }

    private static boolean annotated(Method method, java.util.function.Predicate<Annotation> test) {
        return Stream.of(method.getDeclaredAnnotations()).anyMatch(test);
    }

    private static List<Path> classFiles(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.class"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.class"))
                    .filter(f -> className(classes, f).startsWith(APP))
                    .filter(f -> !className(classes, f).startsWith(NOT_IN_PRODUCTION))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(Path classes, Path file) {
        String relative = classes.relativize(file).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(), ".");
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " was compiled but is not on the test class path", e);
        }
    }
}
