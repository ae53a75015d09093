package io.gaia.bff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The types a class hands to an ObjectMapper itself (SSE frames, WebSocket messages, Gaia's stream),
 * read from its bytecode. Quarkus registers the types of REST signatures for reflection on its own;
 * these it cannot see. For a write ({@code writeValueAsString(message)}) the type is the argument's
 * static type, worked out by ASM's verifier; for a read ({@code treeToValue(node, AskRequest.class)})
 * it is the class literal. A call whose type cannot be told statically (an {@code Object}, a
 * {@code Class} variable) is reported as unresolved rather than skipped, so nothing slips through.
 */
final class ObjectMapperCalls {

    /** Something the class serialises or deserialises by hand: a type, or why it cannot be told. */
    record Use(java.lang.reflect.Type type, String site, String unresolved) {

        static Use of(java.lang.reflect.Type type, String site) {
            return new Use(type, site, null);
        }

        static Use unresolved(String site, String why) {
            return new Use(null, site, why);
        }
    }

    private static final Set<String> MAPPERS = Set.of("com/fasterxml/jackson/databind/ObjectMapper",
            "com/fasterxml/jackson/databind/json/JsonMapper", "com/fasterxml/jackson/databind/ObjectWriter",
            "com/fasterxml/jackson/databind/ObjectReader");
    /** Methods whose last argument is the value written. */
    private static final Set<String> WRITES = Set.of("writeValueAsString", "writeValueAsBytes", "writeValue",
            "valueToTree");
    /** Methods whose last argument names the type read (Class, TypeReference or JavaType). */
    private static final Set<String> READS = Set.of("readValue", "readValues", "treeToValue", "readerFor", "writerFor",
            "forType", "convertValue");
    private static final String CLASS = "Ljava/lang/Class;";
    private static final String TYPE_REFERENCE = "Lcom/fasterxml/jackson/core/type/TypeReference;";
    private static final String JAVA_TYPE = "Lcom/fasterxml/jackson/databind/JavaType;";

    private ObjectMapperCalls() {
    }

    static List<Use> in(Path classFile, ClassLoader loader) {
        ClassNode owner = new ClassNode();
        try (InputStream in = Files.newInputStream(classFile)) {
            new ClassReader(in).accept(owner, ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Use> uses = new ArrayList<>();
        for (MethodNode method : owner.methods) {
            if (callsAMapper(method)) {
                uses.addAll(in(owner, method, loader));
            }
        }
        return uses;
    }

    private static boolean callsAMapper(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && MAPPERS.contains(call.owner)) {
                return true;
            }
        }
        return false;
    }

    private static List<Use> in(ClassNode owner, MethodNode method, ClassLoader loader) {
        Frame<BasicValue>[] types;
        Frame<SourceValue>[] sources;
        try {
            SimpleVerifier verifier = new SimpleVerifier(Type.getObjectType(owner.name),
                    owner.superName == null ? null : Type.getObjectType(owner.superName),
                    owner.interfaces.stream().map(Type::getObjectType).toList(),
                    (owner.access & Opcodes.ACC_INTERFACE) != 0);
            verifier.setClassLoader(loader);
            types = new Analyzer<>(verifier).analyze(owner.name, method);
            sources = new Analyzer<>(new SourceInterpreter()).analyze(owner.name, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("Cannot analyse " + owner.name + "." + method.name, e);
        }
        List<Use> uses = new ArrayList<>();
        int line = 0;
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i] instanceof LineNumberNode number) {
                line = number.line;
            }
            if (!(insns[i] instanceof MethodInsnNode call) || !MAPPERS.contains(call.owner) || types[i] == null) {
                continue;
            }
            String site = owner.name.replace('/', '.') + "." + method.name + " (line " + line + "): "
                    + Type.getObjectType(call.owner).getClassName().replaceAll(".*\\.", "") + "." + call.name;
            Type[] arguments = Type.getArgumentTypes(call.desc);
            if (arguments.length == 0) {
                continue;
            }
            if (WRITES.contains(call.name)) {
                staticType(types[i], 0, site, loader).ifPresent(uses::add);
            }
            if (READS.contains(call.name)) {
                if (call.name.equals("convertValue")) {
                    staticType(types[i], 1, site, loader).ifPresent(uses::add);
                }
                String target = arguments[arguments.length - 1].getDescriptor();
                if (target.equals(CLASS) || target.equals(TYPE_REFERENCE)) {
                    uses.add(namedType(sources[i], site, loader));
                } else if (target.equals(JAVA_TYPE)) {
                    uses.add(Use.unresolved(site, "the type is a JavaType built at run time"));
                }
                // Otherwise the type was given earlier (readerFor) or the result is a tree.
            }
        }
        return uses;
    }

    /** The static type of the value {@code depth} slots below the top of the stack; empty for a null. */
    private static Optional<Use> staticType(Frame<BasicValue> frame, int depth, String site,
            ClassLoader loader) {
        Type type = frame.getStack(frame.getStackSize() - 1 - depth).getType();
        if (type != null && type.getSort() == Type.ARRAY) {
            type = type.getElementType();
        }
        if (type == null || type.getSort() != Type.OBJECT) {
            return Optional.empty();
        }
        if (type.getInternalName().equals("null")) {
            return Optional.empty();
        }
        if (type.getInternalName().equals("java/lang/Object")) {
            return Optional.of(Use.unresolved(site,
                    "the value is only known as Object: give it its type before writing it"));
        }
        return Optional.of(load(type.getClassName(), site, loader));
    }

    /** The class literal, or TypeReference subclass, passed as the last argument. */
    private static Use namedType(Frame<SourceValue> frame, String site, ClassLoader loader) {
        SourceValue argument = frame.getStack(frame.getStackSize() - 1);
        if (argument.insns.size() == 1) {
            AbstractInsnNode producer = argument.insns.iterator().next();
            if (producer instanceof LdcInsnNode ldc && ldc.cst instanceof Type literal) {
                return load(literal.getClassName(), site, loader);
            }
            if (producer instanceof TypeInsnNode created && created.getOpcode() == Opcodes.NEW) {
                return typeReference(created.desc, site, loader);
            }
        }
        return Use.unresolved(site, "the type is not a class literal");
    }

    /** {@code new TypeReference<List<Foo>>() {}}: the type argument of the anonymous subclass. */
    private static Use typeReference(String internalName, String site, ClassLoader loader) {
        Use reference = load(Type.getObjectType(internalName).getClassName(), site, loader);
        if (reference.type() instanceof Class<?> subclass
                && subclass.getGenericSuperclass() instanceof ParameterizedType generic) {
            return Use.of(generic.getActualTypeArguments()[0], site);
        }
        return Use.unresolved(site, "cannot read the type argument of " + internalName);
    }

    private static Use load(String className, String site, ClassLoader loader) {
        try {
            return Use.of(Class.forName(className, false, loader), site);
        } catch (ClassNotFoundException e) {
            return Use.unresolved(site, className + " is not on the class path");
        }
    }
}
